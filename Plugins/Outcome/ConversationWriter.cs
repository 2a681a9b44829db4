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
/// Writes what a run decided, in the order that keeps the plug-in's bookkeeping true at every moment: first the
/// record of any link it is about to make, then the links in one Update that only lands if the conversation is still
/// as the run read it, then the outcome line and code (each its own item, created once under an id derived from the
/// conversation, then updated; not written when unchanged).
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

    /// <summary>Applies a plan and its outcome; false when the conversation changed since it was read (nothing then written to it).</summary>
    public bool Apply(ConversationState state, LinkPlan plan, OutcomeText outcome)
    {
        if (plan.NewRecord != null)
        {
            var record = plan.NewRecord;
            CreateOnce(record.IdFor(state.Id), state.Id, Schema.ContextItem.LinkRecordName, record.Value, displayable: false);
            _trace("Recorded the plug-in's link: " + record.Value + ".");
        }

        if (plan.Changes.Count > 0 && !WriteLinks(state, plan))
        {
            return false;
        }

        WriteItem(state.Id, PluginItems.OutcomeId(state.Id), Schema.ContextItem.OutcomeName, outcome.Line, displayable: true, state.HasOutcomeItem, state.OutcomeText);
        WriteItem(state.Id, PluginItems.CodeId(state.Id), Schema.ContextItem.CodeName, outcome.Code, displayable: false, state.HasCodeItem, state.CodeText);
        return true;
    }

    /// <summary>Writes only the outcome (a failure, a configuration error); <paramref name="state"/> may be null when it could not be read.</summary>
    public void WriteOutcome(Guid conversationId, ConversationState? state, OutcomeText outcome)
    {
        WriteItem(conversationId, PluginItems.OutcomeId(conversationId), Schema.ContextItem.OutcomeName, outcome.Line, displayable: true,
            state?.HasOutcomeItem ?? false, state?.OutcomeText);
        WriteItem(conversationId, PluginItems.CodeId(conversationId), Schema.ContextItem.CodeName, outcome.Code, displayable: false,
            state?.HasCodeItem ?? false, state?.CodeText);
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

        if (_inTransaction)
        {
            _service.Update(links);
        }
        else if (!UpdateIfUnchanged(state, links))
        {
            _trace("The conversation changed since it was read; not written.");
            return false;
        }

        _linked.AddRange(plan.Changes.Where(c => c.To != null).Select(c => c.To!));
        _trace("Links written: " + string.Join(", ", plan.Changes.Select(c => c.Field + " " + (c.To == null ? "removed" : c.To.LogicalName + " " + c.To.Id))) + ".");
        return true;
    }

    /// <summary>
    /// Updates the links only if the conversation row is still the version the run read (Dataverse's optimistic
    /// concurrency). Where the table has it turned off, re-reads the links just before writing instead, which leaves
    /// a window of one round trip.
    /// </summary>
    private bool UpdateIfUnchanged(ConversationState state, Entity links)
    {
        var request = new UpdateRequest { Target = links, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches };
        try
        {
            _service.Execute(request);
            return true;
        }
        catch (Exception ex) when (ServiceFaults.Is(ex, ServiceFaults.ConcurrencyVersionMismatch))
        {
            return false;
        }
        catch (Exception ex) when (ServiceFaults.Is(ex, ServiceFaults.OptimisticConcurrencyNotEnabled))
        {
            _trace("The conversation table has optimistic concurrency turned off: re-reading its links just before writing them.");
        }


        var current = _service.Retrieve(Schema.Conversation.Table, state.Id, new ColumnSet(Schema.Conversation.Customer, Schema.Conversation.Case));
        if (!Same(current.GetAttributeValue<EntityReference>(Schema.Conversation.Customer), state.Customer.Value)
            || !Same(current.GetAttributeValue<EntityReference>(Schema.Conversation.Case), state.Case.Value))
        {
            return false;
        }

        links.RowVersion = null;
        _service.Update(links);
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
