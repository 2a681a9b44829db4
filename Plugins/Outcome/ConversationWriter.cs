using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Evidence;
using Identification.Plugins.Links;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.Plugins.Outcome;

/// <summary>
/// Writes what a run decided, in the order that keeps the plug-in's bookkeeping true at every moment: first the code
/// item with the claims of any link it is about to make (only if the item is still the version the run read, so no
/// claim is ever lost), then the links in one Update that only lands if the conversation is still as the run read it,
/// then the outcome line. Both items are created once under an id derived from the conversation, then updated; neither
/// is written when unchanged.
/// </summary>
public sealed class ConversationWriter
{
    private readonly IOrganizationService _service;
    private readonly Action<string> _trace;
    private readonly bool _inTransaction;
    private readonly List<EntityReference> _linked = new List<EntityReference>();

    /// <param name="inTransaction">
    /// The step runs synchronously, inside the conversation's transaction: the row is locked and a failed call would
    /// roll back the conversation, so the optimistic-concurrency check (which may fail by design) is not used.
    /// </param>
    public ConversationWriter(IOrganizationService service, Action<string> trace, bool inTransaction)
    {
        _service = service;
        _trace = trace;
        _inTransaction = inTransaction;
    }

    /// <summary>The links written so far by this writer (one execution), so an error outcome can say they were made.</summary>
    public IReadOnlyList<EntityReference> Linked => _linked;

    /// <summary>Applies a plan and its outcome; false when the conversation or the code item changed since they were read.</summary>
    public bool Apply(ConversationState state, LinkPlan plan, OutcomeText outcome)
    {
        if (!WriteCode(state, new CodeItem(outcome.Code, plan.Claims)))
        {
            _trace("The plug-in's code item changed since it was read; nothing written.");
            return false;
        }

        if (plan.Changes.Count > 0 && !WriteLinks(state, plan))
        {
            _trace("The conversation changed since it was read; links not written.");
            return false;
        }

        WriteItem(state.Id, PluginItems.OutcomeId(state.Id), Schema.ContextItem.OutcomeName, outcome.Line, displayable: true, state.HasOutcomeItem, state.OutcomeText);
        return true;
    }

    /// <summary>Writes only the outcome (a failure, a configuration error), keeping the claims; <paramref name="state"/> may be null when it could not be read.</summary>
    public void WriteOutcome(Guid conversationId, ConversationState? state, OutcomeText outcome)
    {
        WriteItem(conversationId, PluginItems.OutcomeId(conversationId), Schema.ContextItem.OutcomeName, outcome.Line, displayable: true,
            state?.HasOutcomeItem ?? false, state?.OutcomeText);
        var claims = state?.Claims ?? Array.Empty<LinkClaim>();
        WriteItem(conversationId, PluginItems.CodeId(conversationId), Schema.ContextItem.CodeName, new CodeItem(outcome.Code, claims).Value, displayable: false,
            state?.Code != null, state?.Code?.Value);
    }

    /// <summary>
    /// Writes the code item unless it already holds this value; false when it changed since the run read it (another
    /// run added a claim or an outcome meanwhile), so the run must read again rather than drop that claim.
    /// </summary>
    private bool WriteCode(ConversationState state, CodeItem code)
    {
        var id = PluginItems.CodeId(state.Id);
        if (state.Code == null)
        {
            return CreateOnce(id, state.Id, Schema.ContextItem.CodeName, code.Value, displayable: false);
        }

        if (string.Equals(state.Code.Value, code.Value, StringComparison.Ordinal))
        {
            return true;
        }

        var item = new Entity(Schema.ContextItem.Table, id) { [Schema.ContextItem.Value] = code.Value, RowVersion = state.CodeRowVersion };
        return _inTransaction ? Update(item) : UpdateIfUnchanged(item, () =>
            string.Equals(_service.Retrieve(Schema.ContextItem.Table, id, new ColumnSet(Schema.ContextItem.Value)).GetAttributeValue<string>(Schema.ContextItem.Value),
                state.Code.Value, StringComparison.Ordinal));
    }

    private bool WriteLinks(ConversationState state, LinkPlan plan)
    {
        // Every column the plug-in controls gets the plan's value, so the links always come from one decision.
        var links = new Entity(Schema.Conversation.Table, state.Id) { RowVersion = state.RowVersion };
        if (state.Customer.Owner != LinkOwner.SomeoneElse)
        {
            links[Schema.Conversation.Customer] = Bare(plan.Customer);
        }

        if (state.Case.Owner != LinkOwner.SomeoneElse)
        {
            links[Schema.Conversation.Case] = Bare(plan.Case);
        }

        var written = _inTransaction ? Update(links) : UpdateIfUnchanged(links, () =>
        {
            var current = _service.Retrieve(Schema.Conversation.Table, state.Id, new ColumnSet(Schema.Conversation.Customer, Schema.Conversation.Case));
            return Same(current.GetAttributeValue<EntityReference>(Schema.Conversation.Customer), state.Customer.Value)
                && Same(current.GetAttributeValue<EntityReference>(Schema.Conversation.Case), state.Case.Value);
        });
        if (!written)
        {
            return false;
        }

        _linked.AddRange(plan.Changes.Where(c => c.To != null).Select(c => c.To!));
        _trace("Links written: " + string.Join(", ", plan.Changes.Select(c => c.Field + " " + (c.To == null ? "removed" : c.To.LogicalName + " " + c.To.Id))) + ".");
        return true;
    }

    private bool Update(Entity row)
    {
        _service.Update(row);
        return true;
    }

    /// <summary>
    /// Updates a row only if it is still the version the run read (Dataverse's optimistic concurrency). Where its table
    /// has that turned off, checks <paramref name="unchanged"/> just before writing instead, which leaves a window of one
    /// round trip.
    /// </summary>
    private bool UpdateIfUnchanged(Entity row, Func<bool> unchanged)
    {
        try
        {
            _service.Execute(new UpdateRequest { Target = row, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
            return true;
        }
        catch (Exception ex) when (ServiceFaults.Is(ex, ServiceFaults.ConcurrencyVersionMismatch))
        {
            return false;
        }
        catch (Exception ex) when (ServiceFaults.Is(ex, ServiceFaults.OptimisticConcurrencyNotEnabled))
        {
            _trace(row.LogicalName + " has optimistic concurrency turned off: reading it again just before writing.");
        }

        if (!unchanged())
        {
            return false;
        }

        row.RowVersion = null;
        _service.Update(row);
        return true;
    }

    private void WriteItem(Guid conversationId, Guid itemId, string name, string value, bool displayable, bool exists, string? current)
    {
        if (exists && string.Equals(value, current, StringComparison.Ordinal))
        {
            return;
        }

        if (exists || !CreateOnce(itemId, conversationId, name, value, displayable))
        {
            _service.Update(new Entity(Schema.ContextItem.Table, itemId) { [Schema.ContextItem.Value] = value });
        }
    }

    /// <summary>Creates an item under its derived id; false when it already exists (another run created it first).</summary>
    private bool CreateOnce(Guid itemId, Guid conversationId, string name, string value, bool displayable)
    {
        try
        {
            _service.Create(new Entity(Schema.ContextItem.Table, itemId)
            {
                [Schema.ContextItem.Name] = name,
                [Schema.ContextItem.Value] = value,
                [Schema.ContextItem.IsDisplayable] = displayable,
                [Schema.ContextItem.Conversation] = new EntityReference(Schema.Conversation.Table, conversationId),
            });
            return true;
        }
        catch (Exception ex) when (!_inTransaction && ServiceFaults.Is(ex, ServiceFaults.DuplicateRecord))
        {
            return false;
        }
    }

    private static EntityReference? Bare(EntityReference? link) => link == null ? null : new EntityReference(link.LogicalName, link.Id);

    private static bool Same(EntityReference? a, EntityReference? b) => a == null ? b == null : b != null && a.Id == b.Id;
}
