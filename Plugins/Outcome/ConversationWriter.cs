using System;
using Identification.Plugins.Evidence;
using Identification.Plugins.Identification;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Outcome;

/// <summary>
/// Writes a decision: one Update of the conversation for the new links, and the outcome as a displayable context
/// variable (created once, then updated; not written again when unchanged). The plug-in ignores its own outcome
/// variable, so writing it never re-runs identification.
/// </summary>
public sealed class ConversationWriter
{
    /// <summary>Context variable values are text; the outcome is kept well within what the column holds.</summary>
    public const int MaximumOutcomeLength = 2000;

    private readonly IOrganizationService _service;
    private readonly Action<string> _trace;

    public ConversationWriter(IOrganizationService service, Action<string> trace)
    {
        _service = service;
        _trace = trace;
    }

    public void Write(ConversationSnapshot conversation, Decision decision)
    {
        if (decision.Customer != null || decision.Case != null)
        {
            var links = new Entity(Schema.Conversation.Table, conversation.Id);
            if (decision.Customer != null && conversation.Customer == null)
            {
                links[Schema.Conversation.Customer] = new EntityReference(decision.Customer.LogicalName, decision.Customer.Id);
            }

            if (decision.Case != null && conversation.Case == null)
            {
                links[Schema.Conversation.Case] = new EntityReference(decision.Case.LogicalName, decision.Case.Id);
            }

            _service.Update(links);
            _trace("Linked " + string.Join(" and ", links.Attributes.Keys) + " on conversation " + conversation.Id + ".");
        }

        WriteOutcome(conversation.Id, conversation.OutcomeItemId, conversation.OutcomeText, decision.Outcome);
    }

    /// <summary>Creates or updates the outcome variable; skips the write when the agent already sees this text.</summary>
    public void WriteOutcome(Guid conversationId, Guid? outcomeItemId, string? currentText, string outcome)
    {
        var text = outcome.Length > MaximumOutcomeLength ? outcome.Substring(0, MaximumOutcomeLength - 1) + "…" : outcome;
        _trace("Outcome: " + text);
        if (string.Equals(text, currentText, StringComparison.Ordinal))
        {
            return;
        }

        if (outcomeItemId.HasValue)
        {
            var changed = new Entity(Schema.ContextItem.Table, outcomeItemId.Value);
            changed[Schema.ContextItem.Value] = text;
            _service.Update(changed);
            return;
        }

        var item = new Entity(Schema.ContextItem.Table);
        item[Schema.ContextItem.Value] = text;
        item[Schema.ContextItem.Name] = Schema.ContextItem.OutcomeName;
        item[Schema.ContextItem.IsDisplayable] = true;
        item[Schema.ContextItem.Conversation] = new EntityReference(Schema.Conversation.Table, conversationId);
        _service.Create(item);
    }
}
