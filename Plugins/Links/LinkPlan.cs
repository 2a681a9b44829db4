using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Evidence;
using Identification.Plugins.Identification;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Links;

/// <summary>A change to one link column: set, replace or remove.</summary>
public sealed class LinkChange
{
    public LinkChange(LinkField field, CurrentLink from, EntityReference? to)
    {
        Field = field;
        From = from;
        To = to;
    }

    public LinkField Field { get; }

    /// <summary>What the column holds before the change (empty, or the plug-in's own link).</summary>
    public CurrentLink From { get; }

    /// <summary>The new link, or null to remove the plug-in's link.</summary>
    public EntityReference? To { get; }

    /// <summary>The change undoes a link the plug-in made on less evidence.</summary>
    public bool IsCorrection => From.Value != null;
}

/// <summary>
/// What must change on the conversation for its links to be those the decision gives: only columns that are empty or
/// hold the plug-in's own link change; someone else's link never does. Also the link record to write first when the
/// plug-in is about to make a link it has no record of yet.
/// </summary>
public sealed class LinkPlan
{
    private LinkPlan(IReadOnlyList<LinkChange> changes, LinkRecord? newRecord, EntityReference? customer, EntityReference? @case)
    {
        Changes = changes;
        NewRecord = newRecord;
        Customer = customer;
        Case = @case;
    }

    public IReadOnlyList<LinkChange> Changes { get; }

    /// <summary>The record to write before the links, or null when every link to set is already recorded.</summary>
    public LinkRecord? NewRecord { get; }

    /// <summary>The conversation's customer once the plan is applied.</summary>
    public EntityReference? Customer { get; }

    /// <summary>The conversation's case once the plan is applied.</summary>
    public EntityReference? Case { get; }

    public static LinkPlan For(ConversationState state, Decision decision)
    {
        var changes = new List<LinkChange>();
        var customer = Plan(state.Customer, decision.Customer, changes);
        var @case = Plan(state.Case, decision.Case, changes);

        // A record first, so no run ever sees a link of the plug-in's that it cannot tell is the plug-in's.
        LinkRecord? record = null;
        if (changes.Any(c => c.To != null && !Claimed(state.LinkRecords, c.Field, c.To)))
        {
            var keys = (decision.CustomerRule?.Keys ?? Enumerable.Empty<string>())
                .Concat(decision.CaseBasis == CaseBasis.Number ? decision.CaseRule!.Keys : Enumerable.Empty<string>())
                .Distinct().ToList();
            record = new LinkRecord(
                changes.FirstOrDefault(c => c.Field == LinkField.Customer)?.To,
                changes.FirstOrDefault(c => c.Field == LinkField.Case)?.To,
                keys);
        }

        return new LinkPlan(changes, record, customer, @case);
    }

    private static EntityReference? Plan(CurrentLink current, EntityReference? decided, List<LinkChange> changes)
    {
        if (current.Kept != null)
        {
            return current.Value;
        }

        if (!Same(current.Value, decided))
        {
            changes.Add(new LinkChange(current.Field, current, decided));
        }

        return decided;
    }

    private static bool Claimed(IEnumerable<LinkRecord> records, LinkField field, EntityReference link) =>
        records.Any(r => Same(field.Of(r), link));

    private static bool Same(EntityReference? a, EntityReference? b) =>
        a == null ? b == null : b != null && a.Id == b.Id && a.LogicalName == b.LogicalName;
}
