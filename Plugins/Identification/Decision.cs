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
}

/// <summary>How the customer was identified.</summary>
public enum CustomerBasis
{
    None,

    /// <summary>A customer rule matched exactly one record.</summary>
    Rule,

    /// <summary>The customer of the case the case number identified.</summary>
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

/// <summary>Why a case the case number found is not linked.</summary>
public enum CaseRefusal
{
    None,
    BelongsToAnotherCustomer,
}

/// <summary>
/// What identification over all of a conversation's evidence decided, as facts: each rule's result, the customer
/// and case the evidence identifies and how, and the links someone else made that it kept. No text: the outcome line
/// is rendered from this (<see cref="Outcome.OutcomeText"/>), and the plug-in's writes follow from it.
/// </summary>
public sealed class Decision
{
    public Decision(
        IReadOnlyList<RefusedInput> refusedInputs,
        IReadOnlyList<RuleResult> customerRules,
        RuleResult? caseRule,
        EntityReference? keptCustomer,
        EntityReference? keptCase,
        EntityReference? customer,
        CustomerBasis customerBasis,
        RuleResult? customerRule,
        EntityReference? @case,
        CaseBasis caseBasis,
        CaseRefusal caseRefusal,
        MatchCount? activeCases,
        bool strictAmbiguity)
    {
        RefusedInputs = refusedInputs;
        CustomerRules = customerRules;
        CaseRule = caseRule;
        KeptCustomer = keptCustomer;
        KeptCase = keptCase;
        Customer = customer;
        CustomerBasis = customerBasis;
        CustomerRule = customerRule;
        Case = @case;
        CaseBasis = caseBasis;
        CaseRefusal = caseRefusal;
        ActiveCases = activeCases;
        StrictAmbiguity = strictAmbiguity;
    }

    public IReadOnlyList<RefusedInput> RefusedInputs { get; }

    /// <summary>The customer rules tried, in table order (a rule with no input present is left out).</summary>
    public IReadOnlyList<RuleResult> CustomerRules { get; }

    /// <summary>The case rule, when it was tried.</summary>
    public RuleResult? CaseRule { get; }

    /// <summary>The customer someone else linked, kept as it is.</summary>
    public EntityReference? KeptCustomer { get; }

    /// <summary>The case someone else linked, kept as it is.</summary>
    public EntityReference? KeptCase { get; }

    /// <summary>The customer the evidence identifies (the plug-in's link), or null.</summary>
    public EntityReference? Customer { get; }

    public CustomerBasis CustomerBasis { get; }

    /// <summary>The customer rule that identified <see cref="Customer"/>, when one did.</summary>
    public RuleResult? CustomerRule { get; }

    /// <summary>The case the evidence identifies (the plug-in's link), or null.</summary>
    public EntityReference? Case { get; }

    public CaseBasis CaseBasis { get; }

    public CaseRefusal CaseRefusal { get; }

    /// <summary>How many active cases the customer has, when that was asked (for the single active case).</summary>
    public MatchCount? ActiveCases { get; }

    /// <summary>Strict resolution found matches in more than one customer table.</summary>
    public bool StrictAmbiguity { get; }

    /// <summary>The customer the case rules worked with: the kept one or the identified one.</summary>
    public EntityReference? CaseRulesCustomer => KeptCustomer ?? Customer;

    /// <summary>Whether a rule searched on the inputs (looking up a known customer's active cases is not searching on them).</summary>
    public bool AnyRuleRan => CustomerRules.Any(r => r.Ran) || (CaseRule?.Ran ?? false);

    public OutcomeStatus Status =>
        Customer != null || Case != null ? OutcomeStatus.Linked
        : CustomerRules.Concat(new[] { CaseRule }).Any(r => r != null && r.Count == MatchCount.Several) || ActiveCases == MatchCount.Several ? OutcomeStatus.SeveralFound
        : AnyRuleRan ? OutcomeStatus.NoneFound
        : OutcomeStatus.Skipped;

    public static string Headline(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Linked => "Linked",
        OutcomeStatus.SeveralFound => "Several records found",
        OutcomeStatus.NoneFound => "No record found",
        OutcomeStatus.Skipped => "Skipped",
        _ => "Error",
    };
}
