using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.Plugins.Identification;

/// <summary>
/// Finds the customer and case for a conversation's evidence (SPEC §3): the signed-in customer first; otherwise the
/// customer rules in table order and the resolution policy; then the case by number, which gives its customer only
/// when nothing typed contradicts that customer; and the customer's single active case. Every link carries how far it
/// can be trusted, and links below the configured minimum are not made. Links someone else made are kept and worked
/// around, never replaced. Plain C#: evidence in, a <see cref="Decision"/> out, every read through <see cref="IRecordSource"/>.
/// </summary>
public sealed class IdentificationEngine
{
    private static readonly string[] SignedInKeys = { "signed-in identity" };

    private readonly IdentificationSettings _settings;
    private readonly IRecordSource _records;
    private readonly Action<string> _trace;

    public IdentificationEngine(IdentificationSettings settings, IRecordSource records, Action<string> trace)
    {
        _settings = settings;
        _records = records;
        _trace = trace;
    }

    /// <summary>Decides the customer and case over all of a conversation's evidence, keeping the links someone else made.</summary>
    /// <param name="keptCaseCustomer">The customer of <paramref name="keptCase"/>, when there is one.</param>
    public Decision Identify(InputSet inputs, SignedIn signedIn, EntityReference? keptCustomer, EntityReference? keptCase, EntityReference? keptCaseCustomer)
    {
        _trace("Inputs: " + inputs.Describe() + string.Concat(inputs.Refused.Select(r => "; " + r.Key + " refused: " + r.Reason))
            + (signedIn.RecordId != null ? "; signed in as " + signedIn.RecordId : signedIn.NotTrusted != null ? "; " + signedIn.NotTrusted : string.Empty) + ".");
        TracePhoneNumbers(inputs);
        var decision = new Decision(inputs.Refused, signedIn, keptCustomer, keptCase);
        if (keptCustomer == null)
        {
            IdentifyCustomer(decision, inputs, signedIn);
            if (keptCase != null)
            {
                KeepCustomerWithKeptCase(decision, inputs, keptCaseCustomer);
            }
        }
        else
        {
            decision.SignedInRefusal = signedIn.RecordId != null ? SignedInRefusal.CustomerKept : SignedInRefusal.None;
            _trace("Customer kept (" + keptCustomer.LogicalName + " " + keptCustomer.Id + "): customer rules not run.");
        }

        if (keptCase == null)
        {
            IdentifyCase(decision, inputs);
        }
        else
        {
            _trace("Case kept (" + keptCase.Id + "): case rules not run.");
        }

        ApplyMinimumTrust(decision);
        if (decision.Customer != null)
        {
            _trace("Customer identified: " + decision.Customer.LogicalName + " " + decision.Customer.Id + " (" + decision.CustomerBasis + ", trust " + decision.CustomerTrust + ").");
        }

        if (decision.Case != null)
        {
            _trace("Case identified: " + decision.Case.Id + " (" + decision.CaseBasis + ", trust " + decision.CaseTrust + ").");
        }

        return decision;
    }

    private void IdentifyCustomer(Decision decision, InputSet inputs, SignedIn signedIn)
    {
        if (signedIn.RecordId is { } id)
        {
            foreach (var rule in _settings.SignedInRules)
            {
                var row = Record(rule, id);
                if (row != null)
                {
                    SetCustomer(decision, rule.Reference(row), CustomerBasis.SignedIn, Trust.Verified, SignedInKeys);
                    decision.SignedInContradictions = Contradictions(rule, row, inputs);
                    return;
                }
            }

            decision.SignedInRefusal = SignedInRefusal.NotFound;
        }

        var tried = new List<RuleResult>();
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

        decision.CustomerRules = tried;
        RuleResult? chosen;
        if (_settings.Resolution == ResolutionPolicy.Strict)
        {
            var matched = tried.Where(r => r.Ran && r.Count != MatchCount.None).ToList();
            decision.StrictAmbiguity = matched.Count > 1;
            chosen = matched.Count == 1 && matched[0].Count == MatchCount.One ? matched[0] : null;
        }
        else
        {
            chosen = tried.FirstOrDefault(r => r.Count == MatchCount.One);
        }

        if (chosen != null)
        {
            SetCustomer(decision, chosen.Match!, CustomerBasis.Rule, chosen.Trust, chosen.Keys);
        }
    }

    /// <summary>Someone linked a case: a customer goes next to it only if they own it; otherwise its own customer is the candidate.</summary>
    private void KeepCustomerWithKeptCase(Decision decision, InputSet inputs, EntityReference? caseCustomer)
    {
        if (decision.Customer != null && (caseCustomer == null || caseCustomer.Id != decision.Customer.Id))
        {
            _trace("Customer " + decision.Customer.Id + " does not own the case already linked: not linked.");
            decision.NotOwnerOfKeptCase = decision.Customer;
            var wasSignedIn = decision.CustomerBasis == CustomerBasis.SignedIn;
            SetCustomer(decision, null, CustomerBasis.None, Trust.Name, Array.Empty<string>());
            if (wasSignedIn)
            {
                return;
            }
        }

        if (decision.Customer == null && caseCustomer != null && _settings.CustomerFromCase)
        {
            var check = CheckCaseCustomer(caseCustomer, inputs, caseRow: null);
            if (check.Refusal == CaseRefusal.None)
            {
                SetCustomer(decision, check.Customer, CustomerBasis.CaseOwner, Trust.Identifier, check.Keys);
            }
        }
    }

    private void IdentifyCase(Decision decision, InputSet inputs)
    {
        if (_settings.IdentifyCase)
        {
            // The minimum applies to what a case number gives beyond the case (its customer): checked below.
            decision.CaseRule = Run(RulePlan.ForCase(_settings.CaseRule, _settings.CustomerRules, inputs, _settings));
        }

        var numbered = decision.CaseRule?.Match;
        var owner = decision.CaseRulesCustomer;
        if (numbered != null)
        {
            var caseCustomer = decision.CaseRule!.Rows[0].GetAttributeValue<EntityReference>(Schema.Incident.Customer);
            if (owner != null)
            {
                if (caseCustomer != null && caseCustomer.Id == owner.Id)
                {
                    SetCase(decision, numbered, CaseBasis.Number, Trust.Identifier);
                }
                else
                {
                    Refuse(decision, numbered, caseCustomer == null ? CaseRefusal.HasNoCustomer : CaseRefusal.BelongsToAnotherCustomer);
                }
            }
            else if (caseCustomer == null)
            {
                if (TypedKeys(inputs).Any())
                {
                    Refuse(decision, numbered, CaseRefusal.HasNoCustomer);
                }
                else
                {
                    SetCase(decision, numbered, CaseBasis.Number, Trust.Identifier);
                }
            }
            else if (!_settings.CustomerFromCase || (!IsSearched(caseCustomer) && !TypedKeys(inputs).Any()))
            {
                // The number identifies the case; its customer is not taken from it (by configuration, or because no
                // rule of this configuration reads the customer's table).
                SetCase(decision, numbered, CaseBasis.Number, Trust.Identifier);
            }
            else
            {
                var check = CheckCaseCustomer(caseCustomer, inputs, decision.CaseRule!.Rows[0]);
                if (check.Refusal == CaseRefusal.None)
                {
                    SetCustomer(decision, check.Customer, CustomerBasis.CaseOwner, Trust.Identifier, check.Keys);
                    SetCase(decision, numbered, CaseBasis.Number, Trust.Identifier);
                }
                else
                {
                    Refuse(decision, numbered, check.Refusal);
                    decision.CaseCustomerContradictions = check.Contradictions;
                }
            }

            return;
        }

        if (decision.CaseRule?.Count != MatchCount.Several && owner != null && _settings.LinkSingleActiveCase)
        {
            var cases = ActiveCasesOf(owner);
            decision.ActiveCases = cases.Count == 0 ? MatchCount.None : cases.Count == 1 ? MatchCount.One : MatchCount.Several;
            if (cases.Count == 1)
            {
                // The case is as trustworthy as the customer it was found through.
                SetCase(decision, _settings.CaseRule.Reference(cases[0]), CaseBasis.OnlyActiveCase, decision.Customer != null ? decision.CustomerTrust : Trust.Identifier);
            }
        }
    }

    /// <summary>
    /// What a case proves about its customer (SPEC §3.4): the customer must be active, and when the visitor typed a name,
    /// email or phone, must match every one of them, as Microsoft's own incident rule requires; the case number and those
    /// answers together must reach minimumMatchingInputs.
    /// </summary>
    /// <param name="caseRow">The case as the case rule read it, with its customer when the query could join it.</param>
    private CaseCustomerCheck CheckCaseCustomer(EntityReference caseCustomer, InputSet inputs, Entity? caseRow)
    {
        var rule = _settings.CustomerRules.FirstOrDefault(r => r.Table == caseCustomer.LogicalName);

        // A FetchXML rule's own keys cannot be compared with the record in memory: never assume they match.
        if (rule == null || (rule.FetchXml != null && rule.FetchXml.Keys.Any(inputs.Has)))
        {
            return CaseCustomerCheck.Refused(CaseRefusal.CustomerNotSearched);
        }

        var row = caseRow != null && RulePlan.CaseCustomer(caseRow, rule, caseCustomer.Id, out var active) is { } joined
            ? Traced(joined, active)
            : Record(rule, caseCustomer.Id);
        if (row == null)
        {
            return CaseCustomerCheck.Refused(CaseRefusal.CustomerNotActive);
        }

        var contradictions = Contradictions(rule, row, inputs);
        if (contradictions.Count > 0)
        {
            return new CaseCustomerCheck(null, CaseRefusal.CustomerContradicted, Array.Empty<string>(), contradictions);
        }

        var keys = new[] { InputKeys.CaseNumber }.Concat(rule.Inputs.Select(i => i.Key).Where(inputs.Has)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return keys.Count < _settings.MinimumMatchingInputs
            ? CaseCustomerCheck.Refused(CaseRefusal.TooFewInputs)
            : new CaseCustomerCheck(rule.Reference(row), CaseRefusal.None, keys, Array.Empty<string>());
    }

    /// <summary>A link below minimumTrust is not made; the record is still named, as a suggestion for the agent.</summary>
    private void ApplyMinimumTrust(Decision decision)
    {
        var minimum = _settings.MinimumTrust;
        if (decision.Customer != null && decision.CustomerTrust < minimum)
        {
            decision.Untrusted = decision.Customer;
            decision.UntrustedTrust = decision.CustomerTrust;
            decision.UntrustedKeys = decision.CustomerKeys;
            SetCustomer(decision, null, CustomerBasis.None, Trust.Name, Array.Empty<string>());
            if (decision.CaseBasis == CaseBasis.OnlyActiveCase)
            {
                SetCase(decision, null, CaseBasis.None, Trust.Name);
            }
        }

        if (decision.Case != null && decision.CaseTrust < minimum)
        {
            decision.Untrusted ??= decision.Case;
            decision.UntrustedTrust = decision.CaseTrust;
            if (decision.UntrustedKeys.Count == 0)
            {
                decision.UntrustedKeys = decision.CaseRule?.Keys ?? Array.Empty<string>();
            }

            SetCase(decision, null, CaseBasis.None, Trust.Name);
            if (decision.CustomerBasis == CustomerBasis.CaseOwner)
            {
                SetCustomer(decision, null, CustomerBasis.None, Trust.Name, Array.Empty<string>());
            }
        }
    }

    /// <summary>
    /// How each phone input is looked up: as typed only, or also as its E.164 number in its written forms; and that an
    /// extension is left out. Never the number itself.
    /// </summary>
    private void TracePhoneNumbers(InputSet inputs)
    {
        var keys = _settings.CustomerRules.Concat(new[] { _settings.CaseRule }).SelectMany(r => r.Inputs)
            .Where(i => i.IsPhone).Select(i => i.Key).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            if (!inputs.TryGet(key, out var input))
            {
                continue;
            }

            for (var i = 0; i < input.Values.Count; i++)
            {
                var number = PhoneNumbers.Parse(input.Values[i], _settings.DefaultCountryCode);
                var which = key + (input.Values.Count > 1 ? " (value " + (i + 1) + " of " + input.Values.Count + ")" : string.Empty);
                _trace(number == null
                    ? which + ": not a number whose country the normaliser can tell" + (_settings.DefaultCountryCode == null ? " (no defaultCountryCode)" : string.Empty) + "; matched as typed only."
                    : which + ": a +" + number.Plan.CallingCode + " number; matched as typed and as "
                        + (PhoneNumbers.Candidates(input.Values[i], _settings.DefaultCountryCode).Count - 1) + " other written forms of it (E.164 first)"
                        + (number.Extension != null ? "; its extension is not part of the number, so the number is matched without the extension" : string.Empty) + ".");
            }
        }
    }

    /// <summary>The input keys of the record's table rule that the visitor gave and its record does not hold.</summary>
    private List<string> Contradictions(TableRule rule, Entity row, InputSet inputs)
    {
        var contradictions = new List<string>();
        foreach (var mapping in rule.Inputs)
        {
            if (!inputs.TryGet(mapping.Key, out var input))
            {
                continue;
            }

            var stored = mapping.Columns.Select(c => row.GetAttributeValue<object>(c) as string).Where(v => v != null).ToList();
            var matches = input.Values.All(value =>
                (mapping.IsPhone ? PhoneNumbers.Candidates(value, _settings.DefaultCountryCode) : new[] { value })
                    .Any(candidate => stored.Any(s => DataverseText.Same(s, candidate))));
            if (!matches)
            {
                contradictions.Add(mapping.Key);
            }
        }

        return contradictions;
    }

    private bool IsSearched(EntityReference customer) => _settings.CustomerRules.Any(r => r.Table == customer.LogicalName);

    /// <summary>The keys the visitor typed about who they are (anything a customer rule reads), not the case number.</summary>
    private IEnumerable<string> TypedKeys(InputSet inputs) =>
        _settings.CustomerRules.SelectMany(r => r.Inputs.Select(i => i.Key)).Distinct(StringComparer.OrdinalIgnoreCase).Where(inputs.Has);

    /// <summary>An active record by id, with the columns its rule compares, or null.</summary>
    private Entity? Record(TableRule rule, Guid id)
    {
        var query = RulePlan.ForRecord(rule, id);
        var rows = _records.Query(query);
        _trace("Record " + rule.Table + " " + id + ": " + (rows.Count == 0 ? "not an active record" : "active") + ".");
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>A case's customer as the case query read it: the row when active, otherwise null.</summary>
    private Entity? Traced(Entity customer, bool active)
    {
        _trace("Case's customer " + customer.LogicalName + " " + customer.Id + ": " + (active ? "active" : "not an active record") + ".");
        return active ? customer : null;
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

    private static void SetCustomer(Decision decision, EntityReference? customer, CustomerBasis basis, Trust trust, IReadOnlyList<string> keys)
    {
        decision.Customer = customer;
        decision.CustomerBasis = basis;
        decision.CustomerTrust = trust;
        decision.CustomerKeys = keys;
    }

    private static void SetCase(Decision decision, EntityReference? @case, CaseBasis basis, Trust trust)
    {
        decision.Case = @case;
        decision.CaseBasis = basis;
        decision.CaseTrust = trust;
    }

    private void Refuse(Decision decision, EntityReference @case, CaseRefusal refusal)
    {
        _trace("Case " + @case.Id + " not linked: " + refusal + ".");
        decision.RefusedCase = @case;
        decision.CaseRefusal = refusal;
    }

    private static string Count(int rows) => rows == 0 ? "none" : rows == 1 ? "one" : "several";

    private sealed class CaseCustomerCheck
    {
        public CaseCustomerCheck(EntityReference? customer, CaseRefusal refusal, IReadOnlyList<string> keys, IReadOnlyList<string> contradictions)
        {
            Customer = customer;
            Refusal = refusal;
            Keys = keys;
            Contradictions = contradictions;
        }

        public EntityReference? Customer { get; }
        public CaseRefusal Refusal { get; }
        public IReadOnlyList<string> Keys { get; }
        public IReadOnlyList<string> Contradictions { get; }

        public static CaseCustomerCheck Refused(CaseRefusal refusal) => new CaseCustomerCheck(null, refusal, Array.Empty<string>(), Array.Empty<string>());
    }
}
