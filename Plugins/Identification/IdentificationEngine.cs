using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.Plugins.Identification;

/// <summary>
/// Finds the customer and case for a conversation's inputs (SPEC §3): customer rules in table order, the
/// resolution policy, the case by number (which may give the customer), and the customer's single active case.
/// Links someone else made are given as kept and worked around, never replaced. Plain C#: inputs in, a
/// <see cref="Decision"/> out, every read through <see cref="IRecordSource"/>.
/// </summary>
public sealed class IdentificationEngine
{
    private readonly IdentificationSettings _settings;
    private readonly IRecordSource _records;
    private readonly Action<string> _trace;

    public IdentificationEngine(IdentificationSettings settings, IRecordSource records, Action<string> trace)
    {
        _settings = settings;
        _records = records;
        _trace = trace;
    }

    /// <summary>
    /// Decides the customer and case over all of a conversation's inputs. A link someone else made is kept as it is:
    /// no rule runs for its column, and the other column's rules work with it.
    /// </summary>
    public Decision Identify(InputSet inputs, EntityReference? keptCustomer, EntityReference? keptCase)
    {
        _trace("Inputs: " + inputs.Describe() + string.Concat(inputs.Refused.Select(r => "; " + r.Key + " refused: " + r.Reason)) + ".");
        var customerRules = new List<RuleResult>();
        RuleResult? chosen = null;
        var strictAmbiguity = false;
        if (keptCustomer == null)
        {
            chosen = IdentifyCustomer(inputs, customerRules, out strictAmbiguity);
        }
        else
        {
            _trace("Customer kept (" + keptCustomer.LogicalName + " " + keptCustomer.Id + "): customer rules not run.");
        }

        var customer = chosen?.Match;
        var customerBasis = chosen != null ? CustomerBasis.Rule : CustomerBasis.None;
        RuleResult? caseRule = null;
        EntityReference? @case = null;
        var caseBasis = CaseBasis.None;
        var caseRefusal = CaseRefusal.None;
        MatchCount? activeCases = null;
        if (keptCase != null)
        {
            _trace("Case kept (" + keptCase.Id + "): case rules not run.");
        }
        else
        {
            if (_settings.IdentifyCase)
            {
                // The minimum applies to customer rules: a case number is a single input by nature.
                caseRule = Run(RulePlan.For(_settings.CaseRule, inputs, _settings, minimumInputs: 1));
            }

            var owner = keptCustomer ?? customer;
            if (caseRule?.Match is { } numbered)
            {
                var numberedOwner = caseRule.Rows[0].GetAttributeValue<EntityReference>(Schema.Incident.Customer);
                if (owner == null)
                {
                    @case = numbered;
                    caseBasis = CaseBasis.Number;
                    if (numberedOwner != null)
                    {
                        customer = numberedOwner;
                        customerBasis = CustomerBasis.CaseOwner;
                    }
                }
                else if (numberedOwner != null && numberedOwner.Id == owner.Id)
                {
                    @case = numbered;
                    caseBasis = CaseBasis.Number;
                }
                else
                {
                    caseRefusal = CaseRefusal.BelongsToAnotherCustomer;
                    _trace("Case " + numbered.Id + " belongs to " + (numberedOwner == null ? "no customer" : numberedOwner.LogicalName + " " + numberedOwner.Id) + ", not to " + owner.Id + ".");
                }
            }
            else if (caseRule?.Count != MatchCount.Several && owner != null && _settings.LinkSingleActiveCase)
            {
                var cases = ActiveCasesOf(owner);
                activeCases = cases.Count == 0 ? MatchCount.None : cases.Count == 1 ? MatchCount.One : MatchCount.Several;
                if (cases.Count == 1)
                {
                    @case = _settings.CaseRule.Reference(cases[0]);
                    caseBasis = CaseBasis.OnlyActiveCase;
                }
            }
        }

        if (customer != null)
        {
            _trace("Customer identified: " + customer.LogicalName + " " + customer.Id + " (" + customerBasis + ").");
        }

        if (@case != null)
        {
            _trace("Case identified: " + @case.Id + " (" + caseBasis + ").");
        }

        return new Decision(inputs.Refused, customerRules, caseRule, keptCustomer, keptCase, customer, customerBasis, chosen,
            @case, caseBasis, caseRefusal, activeCases, strictAmbiguity);
    }

    private RuleResult? IdentifyCustomer(InputSet inputs, List<RuleResult> tried, out bool strictAmbiguity)
    {
        foreach (var rule in _settings.CustomerRules)
        {
            var result = Run(RulePlan.For(rule, inputs, _settings, _settings.MinimumMatchingInputs));
            if (result == null)
            {
                continue;
            }

            tried.Add(result);
            if (_settings.Resolution == ResolutionPolicy.FirstSingleMatch && result.Count == MatchCount.One)
            {
                // A later table cannot change the decision, so it is not queried.
                break;
            }
        }

        strictAmbiguity = false;
        if (_settings.Resolution == ResolutionPolicy.Strict)
        {
            var matched = tried.Where(r => r.Ran && r.Count != MatchCount.None).ToList();
            strictAmbiguity = matched.Count > 1;
            return matched.Count == 1 && matched[0].Count == MatchCount.One ? matched[0] : null;
        }

        return tried.FirstOrDefault(r => r.Count == MatchCount.One);
    }

    private IReadOnlyList<Entity> ActiveCasesOf(EntityReference customer)
    {
        var query = new QueryExpression(Schema.Incident.Table)
        {
            ColumnSet = new ColumnSet(_settings.CaseRule.ResultColumns.ToArray()),
            TopCount = RulePlan.RowCap,
        };
        query.Criteria.AddCondition(Schema.Incident.Customer, ConditionOperator.Equal, customer.Id);
        query.Criteria.AddCondition(Schema.StateCode, ConditionOperator.Equal, Schema.StateActive);
        var cases = _records.Query(query);
        _trace("Active cases of " + customer.LogicalName + " " + customer.Id + ": " + Count(cases.Count) + ".");
        return cases;
    }

    /// <summary>Runs a rule's query; null when none of the rule's inputs is present (the rule is not even mentioned).</summary>
    private RuleResult? Run(RulePlan plan)
    {
        if (plan.Query == null)
        {
            _trace("Rule " + plan.Rule.Table + " not run: " + plan.NotRunReason + ".");
            return plan.Keys.Count > 0 ? new RuleResult(plan.Rule, plan.Keys, Array.Empty<Entity>(), plan.NotRunReason) : null;
        }

        var rows = _records.Query(plan.Query);
        _trace("Rule " + plan.Rule.Table + " on " + plan.KeyList + ": " + Count(rows.Count) + ".");
        return new RuleResult(plan.Rule, plan.Keys, rows, null);
    }

    private static string Count(int rows) => rows == 0 ? "none" : rows == 1 ? "one" : "several";
}
