using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Identification.Plugins.Identification;
using Identification.Plugins.Links;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Outcome;

/// <summary>
/// The outcome of a run as the agent reads it ("Linked: contact "Ann Smith" (matched Email).") and as reports read it
/// (the <see cref="OutcomeCode"/>). Rendered from the decision and the links as they are after the run, so it is always true of them.
/// </summary>
public sealed class OutcomeText
{
    /// <summary>Context variable values are text; the outcome is kept well within what the column holds.</summary>
    public const int MaximumLength = 2000;

    private const string CorrectedSentence = " Corrected: ";
    private static readonly string[] DocumentedKeys = { InputKeys.Name, InputKeys.Email, InputKeys.Phone, InputKeys.CaseNumber };

    private readonly string _base;
    private readonly string _baseCode;

    private OutcomeText(string @base, string baseCode, IReadOnlyList<string> corrections)
    {
        _base = @base;
        _baseCode = baseCode;
        Line = Truncate(corrections.Count == 0 ? @base : @base + CorrectedSentence + string.Join("; ", corrections) + ".");
        Code = corrections.Count == 0 ? baseCode : baseCode + OutcomeCode.CorrectedSuffix;
    }

    /// <summary>The line the agent sees.</summary>
    public string Line { get; }

    /// <summary>The machine-readable code: no personal data, only the kind of outcome.</summary>
    public string Code { get; }

    /// <summary>
    /// Whether a line and code already written describe this outcome: the same, or the same with the correction a
    /// previous pass of the same decision added (a later pass that changes nothing keeps that history).
    /// </summary>
    public bool IsWritten(string? line, string? code) =>
        (string.Equals(line, Line, StringComparison.Ordinal) || (line != null && _base.Length < MaximumLength && line.StartsWith(_base + CorrectedSentence, StringComparison.Ordinal)))
        && (string.Equals(code, Code, StringComparison.Ordinal) || string.Equals(code, _baseCode + OutcomeCode.CorrectedSuffix, StringComparison.Ordinal));

    /// <summary>The outcome of a decision, once <paramref name="plan"/> is applied.</summary>
    public static OutcomeText For(Decision decision, LinkPlan plan, IdentificationSettings settings)
    {
        var linked = new List<string>();
        var notes = decision.RefusedInputs.Select(r => r.Key + " refused: " + r.Reason).ToList();
        if (decision.SignedIn.NotTrusted != null)
        {
            notes.Add(decision.SignedIn.NotTrusted);
        }

        if (decision.SignedInRefusal == SignedInRefusal.NotFound)
        {
            notes.Add("the signed-in identity is not an active " + string.Join(" or ", settings.SignedInRules.Select(r => r.Label)) + ", so it is not used");
        }

        switch (decision.CustomerBasis)
        {
            case CustomerBasis.SignedIn:
                linked.Add(Describe(decision.Customer!, settings) + " (signed-in customer)");
                if (decision.SignedInContradictions.Count > 0)
                {
                    notes.Add("the typed " + Join(decision.SignedInContradictions) + (decision.SignedInContradictions.Count == 1 ? " differs" : " differ")
                        + " from the signed-in customer's and " + (decision.SignedInContradictions.Count == 1 ? "is" : "are") + " not followed");
                }

                break;
            case CustomerBasis.Rule:
                linked.Add(Describe(decision.Customer!, settings) + " (" + Unverified(decision.CustomerTrust) + "matched " + string.Join(", ", decision.CustomerKeys) + ")");
                break;
        }

        // The rule that found the customer (or the record below the minimum trust) is told once, above or below.
        var told = decision.CustomerBasis == CustomerBasis.Rule ? decision.Customer : decision.Untrusted;
        notes.AddRange(decision.CustomerRules.Where(r => told == null || r.Match?.Id != told.Id).Select(Describe));
        if (decision.StrictAmbiguity)
        {
            notes.Add("strict resolution links only when a single record matches across " + string.Join(" and ", settings.CustomerRules.Select(r => r.Table)));
        }

        if (decision.KeptCustomer != null)
        {
            notes.Add("the customer was already linked");
        }

        if (decision.KeptCase != null)
        {
            notes.Add("the case was already linked");
        }

        if (decision.NotOwnerOfKeptCase != null)
        {
            notes.Add(Describe(decision.NotOwnerOfKeptCase, settings) + " does not own the case already linked, so it is not linked as the customer");
        }

        if (decision.KeptCase != null && decision.CustomerBasis == CustomerBasis.CaseOwner)
        {
            linked.Add(Describe(decision.Customer!, settings) + ", the customer of the case already linked (unverified: matched " + string.Join(", ", decision.CustomerKeys.Where(k => k != InputKeys.CaseNumber).DefaultIfEmpty("nothing typed against it")) + ")");
        }

        var whose = decision.KeptCustomer != null ? "the linked customer's" : "the customer's";
        switch (decision.CaseBasis)
        {
            case CaseBasis.Number:
                linked.Add(CaseLabel(decision.Case!) + " (matched " + Keys(decision.CaseRule!) + ")");
                if (decision.CustomerBasis == CustomerBasis.CaseOwner)
                {
                    linked.Add("its customer, " + Describe(decision.Customer!, settings) + " (unverified: matched " + string.Join(", ", decision.CustomerKeys) + ")");
                }

                break;
            case CaseBasis.OnlyActiveCase:
                linked.Add(CaseLabel(decision.Case!) + ", " + whose + " only active case");
                break;
            default:
                if (decision.RefusedCase is { } refused)
                {
                    notes.Add(CaseLabel(refused) + " matches " + Keys(decision.CaseRule!) + Refusal(decision));
                }
                else if (decision.CaseRule != null)
                {
                    notes.Add(Describe(decision.CaseRule));
                }

                if (decision.ActiveCases == MatchCount.Several)
                {
                    notes.Add(whose + " active cases are several, so none is linked");
                }

                break;
        }

        if (decision.Untrusted is { } untrusted)
        {
            notes.Add(Describe(untrusted, settings) + " matches " + string.Join(", ", decision.UntrustedKeys) + ", but " + TrustPhrase(decision.UntrustedTrust)
                + " is below the minimum trust (\"" + TrustName(settings.MinimumTrust) + "\"), so it is not linked");
        }

        var status = decision.Status;
        var details = linked.Concat(notes).ToList();
        if (details.Count == 0)
        {
            details.Add("no identification input (" + string.Join(", ", DocumentedKeys) + ") is present");
        }
        else if (status != OutcomeStatus.Linked && plan.Customer == null && plan.Case == null)
        {
            details.Add("nothing linked");
        }

        var corrections = plan.Changes.Where(c => c.IsCorrection).Select(c => Correction(c, decision, settings)).ToList();
        return new OutcomeText(Decision.Headline(status) + ": " + string.Join("; ", details) + ".", OutcomeCode.Of(decision), corrections);
    }

    /// <summary>The outcome when identification could not run to the end; <paramref name="linked"/> are links it made before failing.</summary>
    public static OutcomeText Failure(string reason, IReadOnlyList<EntityReference> linked, IdentificationSettings settings)
    {
        var line = "Error: " + reason + (linked.Count == 0 ? "." : "; before that it linked " + string.Join(" and ", linked.Select(l => Describe(l, settings))) + ".");
        return new OutcomeText(line, OutcomeCode.Error, Array.Empty<string>());
    }

    /// <summary>Cuts text to the column's size on a character boundary (never inside a surrogate pair or a combining sequence).</summary>
    public static string Truncate(string text)
    {
        if (text.Length <= MaximumLength)
        {
            return text;
        }

        var cut = 0;
        var elements = StringInfo.ParseCombiningCharacters(text);
        foreach (var start in elements)
        {
            if (start > MaximumLength - 1)
            {
                break;
            }

            cut = start;
        }

        return text.Substring(0, cut) + "…";
    }

    private static string Refusal(Decision decision) => decision.CaseRefusal switch
    {
        CaseRefusal.BelongsToAnotherCustomer => " but belongs to another customer, so it is not linked",
        CaseRefusal.HasNoCustomer => " but has no customer to check against the customer identified or the typed answers, so it is not linked",
        CaseRefusal.CustomerNotActive => ", but its customer is not active, so neither is linked",
        CaseRefusal.CustomerContradicted => ", but its customer does not match the typed " + Join(decision.CaseCustomerContradictions) + ", so neither is linked",
        CaseRefusal.TooFewInputs => ", but its customer would be linked on fewer matching inputs than minimumMatchingInputs, so neither is linked",
        _ => ", but the typed answers cannot be checked against its customer (no column rule of this configuration reads its table), so neither is linked",
    };

    private static string Unverified(Trust trust) => trust == Trust.Name ? "name only, unverified: " : "unverified: ";

    private static string TrustPhrase(Trust trust) => trust == Trust.Name ? "a name alone" : trust == Trust.Identifier ? "an unverified identifier" : "a signed-in identity";

    private static string TrustName(Trust trust) => trust == Trust.Name ? "name" : trust == Trust.Identifier ? "identifier" : "verified";

    private static string Join(IReadOnlyList<string> keys) =>
        keys.Count <= 1 ? string.Join(string.Empty, keys) : string.Join(", ", keys.Take(keys.Count - 1)) + " and " + keys[keys.Count - 1];

    private static string Correction(LinkChange change, Decision decision, IdentificationSettings settings)
    {
        var from = change.From;
        var verb = change.To == null ? "unlinked " : "replaced ";
        var now = (change.Field == LinkField.Customer ? decision.CustomerRules.Where(r => r.Ran) : new[] { decision.CaseRule }.Where(r => r != null && r.Ran))
            .SelectMany(r => r!.Keys).Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(k => !from.LinkedOn.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        return verb + Describe(from.Value!, settings)
            + (from.LinkedOn.Count > 0 ? " (linked earlier on " + string.Join(", ", from.LinkedOn) + ")" : string.Empty)
            + (change.To != null ? " with " + Describe(change.To, settings) : string.Empty)
            + (change.Field == LinkField.Customer && decision.CustomerBasis == CustomerBasis.SignedIn ? " now that the customer signed in"
                : now.Count > 0 ? " now that " + string.Join(" and ", now) + (now.Count == 1 ? " is" : " are") + " known"
                : " now that the evidence changed");
    }

    private static string Describe(RuleResult rule)
    {
        var label = rule.Rule.Label;
        if (!rule.Ran)
        {
            return label + " not searched: " + rule.NotRunReason;
        }

        return rule.Count switch
        {
            MatchCount.None => "no active " + label + " matches " + Keys(rule),
            MatchCount.One => "one " + label + " matches " + Keys(rule) + " too",
            _ => "several " + label + "s match " + Keys(rule),
        };
    }

    /// <summary>A customer or case as the agent knows it: contact "Ann Smith", case CAS-01001.</summary>
    private static string Describe(EntityReference link, IdentificationSettings settings)
    {
        if (link.LogicalName == Schema.Incident.Table)
        {
            return CaseLabel(link);
        }

        var label = settings.CustomerRules.FirstOrDefault(r => r.Table == link.LogicalName)?.Label ?? link.LogicalName;
        return label + (link.Name != null ? " \"" + link.Name + "\"" : string.Empty);
    }

    private static string CaseLabel(EntityReference @case) => "case " + (@case.Name ?? @case.Id.ToString());

    private static string Keys(RuleResult rule) => string.Join(", ", rule.Keys);
}
