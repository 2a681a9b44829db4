using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Identification;

/// <summary>The kind of outcome an agent sees, first words of the outcome line.</summary>
public enum OutcomeStatus
{
    Linked,

    /// <summary>
    /// A record was found, but its link would be less trusted than the configuration requires; or the only evidence was
    /// a portal identity that is not trusted (an unauthenticated chat, an id that is not a record id).
    /// </summary>
    NotTrusted,

    SeveralFound,
    NoneFound,
    Skipped,
    Error,
}

/// <summary>How many active records a rule matched; the plug-in asks for two rows, so two means several.</summary>
public enum MatchCount
{
    None,
    One,
    Several,
}

/// <summary>One rule as tried for a conversation: what it matched on and found, or why it did not run.</summary>
public sealed class RuleResult
{
    public RuleResult(TableRule rule, IReadOnlyList<string> keys, IReadOnlyList<Entity> rows, string? notRunReason)
    {
        Rule = rule;
        Keys = keys;
        Rows = rows;
        NotRunReason = notRunReason;
    }

    public TableRule Rule { get; }

    /// <summary>The input keys the rule matched on (or, when it did not run, those that were present).</summary>
    public IReadOnlyList<string> Keys { get; }

    public IReadOnlyList<Entity> Rows { get; }

    public string? NotRunReason { get; }

    public bool Ran => NotRunReason == null;

    public MatchCount Count => Rows.Count == 0 ? MatchCount.None : Rows.Count == 1 ? MatchCount.One : MatchCount.Several;

    /// <summary>The record matched when exactly one was, named for the agent.</summary>
    public EntityReference? Match => Count == MatchCount.One ? Rule.Reference(Rows[0]) : null;

    /// <summary>What a match of this rule proves: a name alone, or an identifier.</summary>
    public Trust Trust => Keys.All(k => string.Equals(k, InputKeys.Name, StringComparison.OrdinalIgnoreCase)) ? Trust.Name : Trust.Identifier;
}

/// <summary>How the customer was identified.</summary>
public enum CustomerBasis
{
    None,

    /// <summary>The signed-in customer of an authenticated chat.</summary>
    SignedIn,

    /// <summary>A customer rule matched exactly one record.</summary>
    Rule,

    /// <summary>The customer of the case the case number (or a case already linked) identified, checked against the inputs.</summary>
    CaseOwner,
}

/// <summary>How the case was identified.</summary>
public enum CaseBasis
{
    None,

    /// <summary>The case rule (the case number) matched exactly one active case.</summary>
    Number,

    /// <summary>The customer's only active case.</summary>
    OnlyActiveCase,
}

/// <summary>Why a case the case number found, or its customer, is not linked.</summary>
public enum CaseRefusal
{
    None,

    /// <summary>The case belongs to a customer other than the one identified (or already linked).</summary>
    BelongsToAnotherCustomer,

    /// <summary>The case has no customer, and a customer was identified or typed answers cannot be checked against one.</summary>
    HasNoCustomer,

    /// <summary>The case's customer is not an active record.</summary>
    CustomerNotActive,

    /// <summary>What the visitor typed does not match the case's customer.</summary>
    CustomerContradicted,

    /// <summary>The case number and the typed answers that match its customer are fewer than minimumMatchingInputs.</summary>
    TooFewInputs,

    /// <summary>No column rule of this configuration reads the case customer's table, so the typed answers cannot be checked against them.</summary>
    CustomerNotSearched,
}

/// <summary>Why the signed-in identity of a chat was not used.</summary>
public enum SignedInRefusal
{
    None,

    /// <summary>No active record of the signed-in tables has the portal's id.</summary>
    NotFound,

    /// <summary>Someone else linked the customer; it is kept.</summary>
    CustomerKept,
}

/// <summary>
/// What identification over all of a conversation's evidence decided, as facts: each rule's result, the customer
/// and case the evidence identifies, how and how far they can be trusted, and the links someone else made that it
/// kept. No text: the outcome line is rendered from this (<see cref="Outcome.OutcomeText"/>), and the plug-in's writes
/// follow from it (<see cref="Links.LinkPlan"/>). Filled in by <see cref="IdentificationEngine"/> only.
/// </summary>
public sealed class Decision
{
    internal Decision(IReadOnlyList<RefusedInput> refusedInputs, SignedIn signedIn, EntityReference? keptCustomer, EntityReference? keptCase)
    {
        RefusedInputs = refusedInputs;
        SignedIn = signedIn;
        KeptCustomer = keptCustomer;
        KeptCase = keptCase;
    }

    public IReadOnlyList<RefusedInput> RefusedInputs { get; }

    public SignedIn SignedIn { get; }

    /// <summary>The customer someone else linked, kept as it is.</summary>
    public EntityReference? KeptCustomer { get; }

    /// <summary>The case someone else linked, kept as it is.</summary>
    public EntityReference? KeptCase { get; }

    public SignedInRefusal SignedInRefusal { get; internal set; }

    /// <summary>The typed input keys whose values the signed-in customer's record does not have (noted, never followed).</summary>
    public IReadOnlyList<string> SignedInContradictions { get; internal set; } = Array.Empty<string>();

    /// <summary>The customer rules tried, in table order (a rule with no input present is left out).</summary>
    public IReadOnlyList<RuleResult> CustomerRules { get; internal set; } = Array.Empty<RuleResult>();

    /// <summary>Strict resolution found matches in more than one customer table.</summary>
    public bool StrictAmbiguity { get; internal set; }

    /// <summary>The case rule, when it was tried.</summary>
    public RuleResult? CaseRule { get; internal set; }

    /// <summary>The customer the evidence identifies (the plug-in's link), or null.</summary>
    public EntityReference? Customer { get; internal set; }

    public CustomerBasis CustomerBasis { get; internal set; }

    /// <summary>The input keys the customer was identified on.</summary>
    public IReadOnlyList<string> CustomerKeys { get; internal set; } = Array.Empty<string>();

    public Trust CustomerTrust { get; internal set; }

    /// <summary>The case the evidence identifies (the plug-in's link), or null.</summary>
    public EntityReference? Case { get; internal set; }

    public CaseBasis CaseBasis { get; internal set; }

    public Trust CaseTrust { get; internal set; }

    /// <summary>The case the case number found, when it is not linked (see <see cref="CaseRefusal"/>).</summary>
    public EntityReference? RefusedCase { get; internal set; }

    public CaseRefusal CaseRefusal { get; internal set; }

    /// <summary>For <see cref="CaseRefusal.CustomerContradicted"/>: the typed keys the case's customer does not match.</summary>
    public IReadOnlyList<string> CaseCustomerContradictions { get; internal set; } = Array.Empty<string>();

    /// <summary>A customer the rules identified who does not own the case already linked, so is not linked.</summary>
    public EntityReference? NotOwnerOfKeptCase { get; internal set; }

    /// <summary>How many active cases the customer has, when that was asked (for the single active case).</summary>
    public MatchCount? ActiveCases { get; internal set; }

    /// <summary>A record found but not linked because its link would be less trusted than minimumTrust, and how it was found.</summary>
    public EntityReference? Untrusted { get; internal set; }

    public Trust UntrustedTrust { get; internal set; }

    public IReadOnlyList<string> UntrustedKeys { get; internal set; } = Array.Empty<string>();

    /// <summary>The customer the case rules worked with: the kept one or the identified one.</summary>
    public EntityReference? CaseRulesCustomer => KeptCustomer ?? Customer;

    /// <summary>Whether a rule searched on the inputs (looking up a known customer's active cases is not searching on them).</summary>
    public bool AnyRuleRan => CustomerRules.Any(r => r.Ran) || (CaseRule?.Ran ?? false);

    public OutcomeStatus Status =>
        Customer != null || Case != null ? OutcomeStatus.Linked
        : Untrusted != null || (SignedIn.NotTrusted != null && !AnyRuleRan) ? OutcomeStatus.NotTrusted
        : CustomerRules.Concat(new[] { CaseRule }).Any(r => r != null && r.Count == MatchCount.Several) || ActiveCases == MatchCount.Several ? OutcomeStatus.SeveralFound
        : AnyRuleRan || SignedIn.RecordId != null ? OutcomeStatus.NoneFound
        : OutcomeStatus.Skipped;

    public static string Headline(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Linked => "Linked",
        OutcomeStatus.NotTrusted => "Not linked",
        OutcomeStatus.SeveralFound => "Several records found",
        OutcomeStatus.NoneFound => "No record found",
        OutcomeStatus.Skipped => "Skipped",
        _ => "Error",
    };
}
