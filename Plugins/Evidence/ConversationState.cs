using System;
using System.Collections.Generic;
using Identification.Plugins.Links;
using Identification.Plugins.Outcome;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Evidence;

/// <summary>
/// Everything one run knows about a conversation, read in one query: its state and row version, its two links and
/// who set them, every input its evidence gives (merged once), and the plug-in's own items on it.
/// </summary>
public sealed class ConversationState
{
    public ConversationState(Guid id, bool isOpen, string? rowVersion, CurrentLink customer, CurrentLink @case, EntityReference? caseCustomer,
        InputSet inputs, SignedIn signedIn, string? outcomeText, bool hasOutcomeItem, CodeItem? code, string? codeRowVersion)
    {
        Id = id;
        IsOpen = isOpen;
        RowVersion = rowVersion;
        Customer = customer;
        Case = @case;
        CaseCustomer = caseCustomer;
        Inputs = inputs;
        SignedIn = signedIn;
        OutcomeText = outcomeText;
        HasOutcomeItem = hasOutcomeItem;
        Code = code;
        CodeRowVersion = codeRowVersion;
    }

    public Guid Id { get; }

    /// <summary>Only an open conversation (statecode 0) is identified.</summary>
    public bool IsOpen { get; }

    /// <summary>The conversation row's version when read, for the optimistic-concurrency check of the link write.</summary>
    public string? RowVersion { get; }

    public CurrentLink Customer { get; }

    public CurrentLink Case { get; }

    /// <summary>The customer of the case linked now, or null.</summary>
    public EntityReference? CaseCustomer { get; }

    public InputSet Inputs { get; }

    /// <summary>Who the chat's live-chat context says signed in, if anyone.</summary>
    public SignedIn SignedIn { get; }

    public string? OutcomeText { get; }

    public bool HasOutcomeItem { get; }

    /// <summary>The plug-in's code item (outcome code and claims of its links), or null when it has none yet.</summary>
    public CodeItem? Code { get; }

    /// <summary>The code item's version when read, so a claim is added only to the claims the run saw.</summary>
    public string? CodeRowVersion { get; }

    /// <summary>The plug-in's claims of the links it made on this conversation.</summary>
    public IReadOnlyList<LinkClaim> Claims => Code?.Claims ?? Array.Empty<LinkClaim>();

    public CurrentLink Link(LinkField field) => field == LinkField.Customer ? Customer : Case;
}
