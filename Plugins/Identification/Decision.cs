using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Identification;

/// <summary>The kind of outcome an agent sees, first word of the outcome text.</summary>
public enum OutcomeStatus
{
    Linked,
    SeveralFound,
    NoneFound,
    Skipped,
    Error,
}

/// <summary>What identification decided: the links to add (only where the conversation had none) and why.</summary>
public sealed class Decision
{
    public Decision(OutcomeStatus status, EntityReference? customer, EntityReference? @case, IReadOnlyList<string> details)
    {
        Status = status;
        Customer = customer;
        Case = @case;
        Details = details;
    }

    public OutcomeStatus Status { get; }

    /// <summary>The customer to link, or null to leave the conversation's customer as it is.</summary>
    public EntityReference? Customer { get; }

    /// <summary>The case to link, or null to leave the conversation's case as it is.</summary>
    public EntityReference? Case { get; }

    public IReadOnlyList<string> Details { get; }

    /// <summary>The short text an agent sees on the conversation.</summary>
    public string Outcome => Headline(Status) + ": " + string.Join("; ", Details) + ".";

    public static Decision Skipped(string reason) => new Decision(OutcomeStatus.Skipped, null, null, new[] { reason });

    public static Decision Error(string reason) => new Decision(OutcomeStatus.Error, null, null, new[] { reason });

    public static string Headline(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Linked => "Linked",
        OutcomeStatus.SeveralFound => "Several records found",
        OutcomeStatus.NoneFound => "No record found",
        OutcomeStatus.Skipped => "Skipped",
        _ => "Error",
    };
}
