using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Links;

/// <summary>One of the conversation's two link columns: the customer or the case.</summary>
public sealed class LinkField
{
    public static readonly LinkField Customer = new LinkField("customer", Schema.Conversation.Customer, r => r.Customer);
    public static readonly LinkField Case = new LinkField("case", Schema.Conversation.Case, r => r.Case);

    private readonly Func<LinkRecord, EntityReference?> _claimed;

    private LinkField(string name, string column, Func<LinkRecord, EntityReference?> claimed)
    {
        Name = name;
        Column = column;
        _claimed = claimed;
    }


    public string Name { get; }

    /// <summary>The column of msdyn_ocliveworkitem.</summary>
    public string Column { get; }

    /// <summary>The link a record says the plug-in made in this column, or null.</summary>
    public EntityReference? Of(LinkRecord record) => _claimed(record);

    public override string ToString() => Name;
}

/// <summary>Who set what a link column holds now.</summary>
public enum LinkOwner
{
    /// <summary>The column is empty, and free.</summary>
    Nobody,

    /// <summary>The plug-in set it (a link record claims it): later evidence may replace or remove it.</summary>
    Plugin,

    /// <summary>An agent, a bot, Omnichannel or any other process set it: it is never changed (SPEC §3.7).</summary>
    SomeoneElse,
}

/// <summary>
/// What one link column holds at the start of a run and who set it: the one place that decides which links the
/// plug-in may touch. A link is the plug-in's only while a record of the plug-in claims exactly that value: an agent who
/// relinks a column the plug-in had set makes it theirs. An empty column is free, whoever emptied it: a run cannot tell
/// an agent's removal from a link of another run's that has not landed yet, so later evidence may link it again.
/// </summary>
public sealed class CurrentLink
{
    private CurrentLink(LinkField field, EntityReference? value, LinkOwner owner, IReadOnlyList<string> linkedOn)
    {
        Field = field;
        Value = value;
        Owner = owner;
        LinkedOn = linkedOn;
    }

    public LinkField Field { get; }

    /// <summary>The link (with the record's name or number in <see cref="EntityReference.Name"/> when known), or null.</summary>
    public EntityReference? Value { get; }

    public LinkOwner Owner { get; }

    /// <summary>For the plug-in's own link: the input keys it was made on.</summary>
    public IReadOnlyList<string> LinkedOn { get; }

    /// <summary>Someone else's link, which identification must keep as it is and work around; null when the plug-in may set the column.</summary>
    public EntityReference? Kept => Owner == LinkOwner.SomeoneElse ? Value : null;

    public static CurrentLink Classify(LinkField field, EntityReference? value, IReadOnlyList<LinkRecord> records)
    {
        if (value == null)
        {
            return new CurrentLink(field, null, LinkOwner.Nobody, Array.Empty<string>());
        }

        var claim = records.FirstOrDefault(r => field.Of(r) is { } claimed && claimed.Id == value.Id
            && string.Equals(claimed.LogicalName, value.LogicalName, StringComparison.Ordinal));
        return claim == null
            ? new CurrentLink(field, value, LinkOwner.SomeoneElse, Array.Empty<string>())
            : new CurrentLink(field, value, LinkOwner.Plugin, claim.Keys);
    }
}
