using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.Plugins.Identification;

/// <summary>
/// One rule turned into one query for this conversation's inputs: every present input must match, active rows
/// only, named columns, two rows at most. A rule without enough inputs has no query and says why.
/// </summary>
public sealed class RulePlan
{
    /// <summary>Two rows tell one match from several; more would only cost.</summary>
    public const int RowCap = 2;

    private RulePlan(TableRule rule, QueryBase? query, IReadOnlyList<string> keys, string? notRunReason)
    {
        Rule = rule;
        Query = query;
        Keys = keys;
        NotRunReason = notRunReason;
    }

    public TableRule Rule { get; }

    /// <summary>The query to run, or null when the rule does not run.</summary>
    public QueryBase? Query { get; }

    /// <summary>The input keys the query matches on, in rule order.</summary>
    public IReadOnlyList<string> Keys { get; }

    public string? NotRunReason { get; }

    public string KeyList => string.Join(", ", Keys);

    public static RulePlan For(TableRule rule, InputSet inputs, IdentificationSettings settings, int minimumInputs)
    {
        var keys = rule.Keys.Where(inputs.Has).ToList();
        if (keys.Count == 0)
        {
            return new RulePlan(rule, null, keys, "none of its inputs (" + string.Join(", ", rule.Keys) + ") is present");
        }

        if (rule.FetchXml != null && keys.Count < rule.FetchXml.Keys.Count)
        {
            return new RulePlan(rule, null, keys, "its FetchXML needs " + string.Join(", ", rule.FetchXml.Keys.Where(k => !inputs.Has(k))));
        }

        if (rule.FetchXml != null && keys.FirstOrDefault(k => inputs.TryGet(k, out var input) && input.Values.Count > 1) is { } several)
        {
            return new RulePlan(rule, null, keys, "its FetchXML takes one " + several + " and the conversation has several different ones");
        }

        if (keys.Count < minimumInputs)
        {
            return new RulePlan(rule, null, keys, "it needs " + minimumInputs + " matching inputs and only " + string.Join(", ", keys) + " is present");
        }

        return new RulePlan(rule, rule.FetchXml != null ? FetchQuery(rule.FetchXml, keys, inputs) : ColumnQuery(rule, inputs, settings), keys, null);
    }

    private static FetchExpression FetchQuery(FetchXmlTemplate template, IEnumerable<string> keys, InputSet inputs)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            inputs.TryGet(key, out var input);
            values[key] = input.Values[0];
        }

        return new FetchExpression(template.Render(values));
    }

    private static QueryExpression ColumnQuery(TableRule rule, InputSet inputs, IdentificationSettings settings)
    {
        var query = new QueryExpression(rule.Table) { ColumnSet = new ColumnSet(rule.ResultColumns.ToArray()), TopCount = RowCap };

        // Active by state, never by status reason, so custom status reasons keep working.
        query.Criteria.AddCondition(Schema.StateCode, ConditionOperator.Equal, Schema.StateActive);
        foreach (var mapping in rule.Inputs)
        {
            if (!inputs.TryGet(mapping.Key, out var input))
            {
                continue;
            }

            // Each value is an input of its own (two different caller numbers must both match), ANDed like the rest.
            foreach (var value in input.Values)
            {
                var values = mapping.IsPhone ? PhoneNumbers.Candidates(value, settings.DefaultCountryCode) : new[] { value };
                if (mapping.Columns.Count == 1 && values.Count == 1)
                {
                    query.Criteria.AddCondition(mapping.Columns[0], ConditionOperator.Equal, values[0]);
                    continue;
                }

                var anyColumn = query.Criteria.AddFilter(LogicalOperator.Or);
                foreach (var column in mapping.Columns)
                {
                    anyColumn.AddCondition(column, values.Count == 1 ? ConditionOperator.Equal : ConditionOperator.In, values.Cast<object>().ToArray());
                }
            }
        }

        return query;
    }
}
