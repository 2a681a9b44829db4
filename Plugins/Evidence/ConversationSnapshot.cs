using System;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Evidence;

/// <summary>What the plug-in knows about a conversation at the moment it runs.</summary>
public sealed class ConversationSnapshot
{
    public ConversationSnapshot(Guid id, bool isOpen, EntityReference? customer, EntityReference? @case)
    {
        Id = id;
        IsOpen = isOpen;
        Customer = customer;
        Case = @case;
    }

    public Guid Id { get; }
    public bool IsOpen { get; }

    /// <summary>The customer already linked (links already present win), or null.</summary>
    public EntityReference? Customer { get; }

    public EntityReference? Case { get; }
    public InputSet Inputs { get; } = new InputSet();

    /// <summary>The context item holding the previous outcome, so a re-run updates it instead of adding another.</summary>
    public Guid? OutcomeItemId { get; set; }

    public string? OutcomeText { get; set; }

    public bool IsFullyLinked => Customer != null && Case != null;
}
