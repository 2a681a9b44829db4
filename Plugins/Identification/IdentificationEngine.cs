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
/// Plain C#: inputs and existing links in, a <see cref="Decision"/> out, every read through <see cref="IRecordSource"/>.
/// </summary>
public sealed class IdentificationEngine
{
    private static readonly string[] DocumentedKeys = { InputKeys.Name, InputKeys.Email, InputKeys.Phone, InputKeys.CaseNumber };

    private readonly IdentificationSettings _settings;
    private readonly IRecordSource _records;
    private readonly Action<string> _trace;

    public IdentificationEngine(IdentificationSettings settings, IRecordSource records, Action<string> trace)
    {
        _settings = settings;
        _records = records;
        _trace = trace;
    }

    /// <summary>Decides the links for a conversation; links already present are kept and never replaced.</summary>
    public Decision Identify(InputSet inputs, EntityReference? linkedCustomer, EntityReference? linkedCase)
    {
        var run = new Run(inputs, linkedCustomer);
        _trace("Inputs: " + inputs.Describe() + (inputs.Refused.Count > 0 ? "; " + string.Join("; ", inputs.Refused) : string.Empty));
        run.Notes.AddRange(inputs.Refused);

        if (linkedCustomer == null)
        {
            run.Customer = IdentifyCustomer(run);
        }
        else
        {
            _trace("Customer already linked (" + linkedCustomer.LogicalName + " " + linkedCustomer.Id + "); customer rules not run.");
            run.Notes.Add("the customer was already linked");
        }

        if (linkedCase == null)
        {
            IdentifyCase(run);
        }
        else
        {
            _trace("Case already linked (" + linkedCase.Id + "); case rules not run.");
            run.Notes.Add("the case was already linked");
        }

        return run.Decide();
    }

    private EntityReference? IdentifyCustomer(Run run)
    {
        var results = new List<RuleResult>();
        foreach (var rule in _settings.CustomerRules)
        {
            var result = Execute(RulePlan.For(rule, run.Inputs, _settings, _settings.MinimumMatchingInputs), run);
            if (result == null)
            {
                continue;
            }

            results.Add(result);
            if (_settings.Resolution == ResolutionPolicy.FirstSingleMatch && result.Rows.Count == 1)
            {
                // A later table cannot change the decision, so it is not queried.
                break;
            }
        }

        var chosen = Resolve(results);
        foreach (var result in results)
        {
            if (result == chosen)
            {
                run.Linked.Add(Label(result.Rule.Table) + " " + Quote(result.Rows[0].GetAttributeValue<string>(result.Rule.NameColumn)) + " (matched " + result.Plan.KeyList + ")");
            }
            else
            {
                run.Notes.Add(result.Describe());
                run.SeveralFound |= result.Rows.Count > 1;
            }
        }

        if (chosen == null)
        {
            if (_settings.Resolution == ResolutionPolicy.Strict && results.Count(r => r.Rows.Count > 0) > 1)
            {
                run.Notes.Add("strict resolution links only when a single record matches across " + string.Join(" and ", _settings.CustomerRules.Select(r => r.Table)));
            }

            return null;
        }

        var row = chosen.Rows[0];
        var customer = new EntityReference(chosen.Rule.Table, row.Id) { Name = row.GetAttributeValue<string>(chosen.Rule.NameColumn) };
        _trace("Customer identified: " + customer.LogicalName + " " + customer.Id + ".");
        return customer;
    }

    private RuleResult? Resolve(List<RuleResult> results)
    {
        if (_settings.Resolution == ResolutionPolicy.Strict)
        {
            var matched = results.Where(r => r.Rows.Count > 0).ToList();
            return matched.Count == 1 && matched[0].Rows.Count == 1 ? matched[0] : null;
        }

        return results.FirstOrDefault(r => r.Rows.Count == 1);
    }

    private void IdentifyCase(Run run)
    {
        RuleResult? byNumber = null;
        if (_settings.IdentifyCase)
        {
            // The minimum applies to customer rules: a case number is a single input by nature.
            byNumber = Execute(RulePlan.For(_settings.CaseRule, run.Inputs, _settings, minimumInputs: 1), run);
        }

        if (byNumber != null && byNumber.Rows.Count == 1)
        {
            var row = byNumber.Rows[0];
            var number = row.GetAttributeValue<string>(Schema.Incident.TicketNumber) ?? row.Id.ToString();
            var owner = row.GetAttributeValue<EntityReference>(Schema.Incident.Customer);
            if (run.Customer == null)
            {
                run.Case = row.ToEntityReference();
                run.Linked.Add("case " + number + " (matched " + byNumber.Plan.KeyList + ")");
                if (owner != null)
                {
                    run.Customer = owner;
                    run.Linked.Add("its customer, " + owner.LogicalName + (owner.Name != null ? " " + Quote(owner.Name) : string.Empty));
                }
            }
            else if (owner != null && owner.Id == run.Customer.Id)
            {
                run.Case = row.ToEntityReference();
                run.Linked.Add("case " + number + " (matched " + byNumber.Plan.KeyList + ")");
            }
            else
            {
                run.Notes.Add("case " + number + " matches " + byNumber.Plan.KeyList + " but belongs to another customer, so it is not linked");
                _trace("Case " + row.Id + " belongs to " + (owner == null ? "no customer" : owner.LogicalName + " " + owner.Id) + ", not to " + run.Customer.Id + ".");
            }

            return;
        }

        if (byNumber != null)
        {
            run.Notes.Add(byNumber.Describe());
            run.SeveralFound |= byNumber.Rows.Count > 1;
            if (byNumber.Rows.Count > 1)
            {
                return;
            }
        }

        if (_settings.LinkSingleActiveCase && run.Customer != null)
        {
            LinkSingleActiveCase(run, run.Customer);
        }
    }

    private void LinkSingleActiveCase(Run run, EntityReference customer)
    {
        var query = new QueryExpression(Schema.Incident.Table)
        {
            ColumnSet = new ColumnSet(Schema.Incident.Id, Schema.Incident.TicketNumber),
            TopCount = RulePlan.RowCap,
        };
        query.Criteria.AddCondition(Schema.Incident.Customer, ConditionOperator.Equal, customer.Id);
        query.Criteria.AddCondition(Schema.StateCode, ConditionOperator.Equal, Schema.StateActive);
        var cases = _records.Query(query);
        _trace("Active cases of " + customer.LogicalName + " " + customer.Id + ": " + Count(cases.Count) + ".");
        var whose = run.LinkedCustomer != null ? "the linked customer's" : "the customer's";
        if (cases.Count == 1)
        {
            run.Case = cases[0].ToEntityReference();
            run.Linked.Add("case " + (cases[0].GetAttributeValue<string>(Schema.Incident.TicketNumber) ?? cases[0].Id.ToString()) + ", " + whose + " only active case");
        }
        else if (cases.Count > 1)
        {
            run.Notes.Add(whose + " active cases are several, so none is linked");
        }
    }

    private RuleResult? Execute(RulePlan plan, Run run)
    {
        if (plan.Query == null)
        {
            _trace("Rule " + plan.Rule.Table + " not run: " + plan.NotRunReason + ".");
            if (plan.Keys.Count > 0)
            {
                run.Notes.Add(Label(plan.Rule.Table) + " not searched: " + plan.NotRunReason);
            }

            return null;
        }

        run.AnyRuleRan = true;
        var rows = _records.Query(plan.Query);
        _trace("Rule " + plan.Rule.Table + " on " + plan.KeyList + ": " + Count(rows.Count) + ".");
        return new RuleResult(plan, rows);
    }

    private static string Count(int rows) => rows == 0 ? "none" : rows == 1 ? "one" : "several";

    /// <summary>What agents call the table: a case, not an incident.</summary>
    private static string Label(string table) => table == Schema.Incident.Table ? "case" : table;

    private static string Quote(string? name) => "\"" + (name ?? string.Empty) + "\"";

    private sealed class RuleResult
    {
        public RuleResult(RulePlan plan, IReadOnlyList<Entity> rows)
        {
            Plan = plan;
            Rows = rows;
        }

        public RulePlan Plan { get; }
        public IReadOnlyList<Entity> Rows { get; }
        public TableRule Rule => Plan.Rule;

        public string Describe() => Rows.Count == 0
            ? "no active " + Label(Rule.Table) + " matches " + Plan.KeyList
            : Rows.Count == 1
                ? "one " + Label(Rule.Table) + " matches " + Plan.KeyList + " too"
                : "several " + Label(Rule.Table) + "s match " + Plan.KeyList;
    }

    private sealed class Run
    {
        public Run(InputSet inputs, EntityReference? linkedCustomer)
        {
            Inputs = inputs;
            LinkedCustomer = linkedCustomer;
            Customer = linkedCustomer;
        }

        public InputSet Inputs { get; }

        /// <summary>The customer the conversation already had, which is kept.</summary>
        public EntityReference? LinkedCustomer { get; }

        /// <summary>The customer the case rules work with: the one already linked, or the one identified.</summary>
        public EntityReference? Customer { get; set; }

        public List<string> Linked { get; } = new List<string>();
        public List<string> Notes { get; } = new List<string>();
        public EntityReference? Case { get; set; }
        public bool AnyRuleRan { get; set; }
        public bool SeveralFound { get; set; }

        public Decision Decide()
        {
            if (Linked.Count > 0)
            {
                return new Decision(OutcomeStatus.Linked, LinkedCustomer == null ? Customer : null, Case, Linked.Concat(Notes).ToList());
            }

            if (!AnyRuleRan && Notes.Count == 0)
            {
                return Decision.Skipped("no identification input (" + string.Join(", ", DocumentedKeys) + ") is present");
            }

            var status = SeveralFound ? OutcomeStatus.SeveralFound : AnyRuleRan ? OutcomeStatus.NoneFound : OutcomeStatus.Skipped;
            Notes.Add("nothing linked");
            return new Decision(status, null, null, Notes);
        }
    }
}
