using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Microsoft.Xrm.Sdk;
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

    /// <summary>
    /// The case rule's plan, its query reading with each case the customer it belongs to (through outer links to the
    /// customer tables searched), so what a case number proves about its customer costs no query of its own. A FetchXML
    /// case rule is run as written; its case's customer is then read by <see cref="ForRecord"/>.
    /// </summary>
    public static RulePlan ForCase(TableRule caseRule, IEnumerable<TableRule> customerRules, InputSet inputs, IdentificationSettings settings)
    {
        var plan = For(caseRule, inputs, settings, minimumInputs: 1);
        if (plan.Query is QueryExpression query)
        {
            foreach (var rule in customerRules.Where(r => r.Table == Schema.Contact.Table || r.Table == Schema.Account.Table))
            {
                var link = query.AddLink(rule.Table, Schema.Incident.Customer, rule.IdColumn, JoinOperator.LeftOuter);
                link.EntityAlias = CustomerAlias(rule);
                link.Columns = new ColumnSet(RecordColumns(rule).Concat(new[] { Schema.StateCode }).Distinct(StringComparer.Ordinal).ToArray());
            }
        }

        return plan;
    }

    /// <summary>
    /// The customer of a case row read by <see cref="ForCase"/>, as a row of the customer's table with the columns its rule
    /// compares; null when the query did not read it (a FetchXML case rule, or a customer of a table not searched).
    /// </summary>
    /// <param name="active">Whether that customer is active.</param>
    public static Entity? CaseCustomer(Entity caseRow, TableRule rule, Guid customerId, out bool active)
    {
        var prefix = CustomerAlias(rule) + ".";
        active = false;
        if (!(caseRow.GetAttributeValue<AliasedValue>(prefix + Schema.StateCode)?.Value is OptionSetValue state))
        {
            return null;
        }

        active = state.Value == Schema.StateActive;
        var row = new Entity(rule.Table, customerId);
        foreach (var column in RecordColumns(rule))
        {
            if (caseRow.GetAttributeValue<AliasedValue>(prefix + column) is { } value)
            {
                row[column] = value.Value;
            }
        }

        return row;
    }

    /// <summary>
    /// One active record of the rule's table by id, with the columns the rule compares, so the record can be checked
    /// against the inputs (a signed-in customer, a case's customer).
    /// </summary>
    public static QueryExpression ForRecord(TableRule rule, Guid id)
    {
        var query = new QueryExpression(rule.Table) { ColumnSet = new ColumnSet(RecordColumns(rule).ToArray()), TopCount = RowCap };
        query.Criteria.AddCondition(rule.IdColumn, ConditionOperator.Equal, id);
        query.Criteria.AddCondition(Schema.StateCode, ConditionOperator.Equal, Schema.StateActive);
        return query;
    }

    /// <summary>What a record is checked with: its rule's result columns and every column its inputs compare.</summary>
    private static IEnumerable<string> RecordColumns(TableRule rule) =>
        rule.ResultColumns.Concat(rule.Inputs.SelectMany(i => i.Columns)).Distinct(StringComparer.Ordinal);

    private static string CustomerAlias(TableRule rule) => "customer_" + rule.Table;

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
