using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Links;

/// <summary>One of the conversation's two link columns: the customer or the case.</summary>
public sealed class LinkField
{
    public static readonly LinkField Customer = new LinkField("customer", Schema.Conversation.Customer);
    public static readonly LinkField Case = new LinkField("case", Schema.Conversation.Case);

    private LinkField(string name, string column)
    {
        Name = name;
        Column = column;
    }


    public string Name { get; }

    /// <summary>The column of msdyn_ocliveworkitem.</summary>
    public string Column { get; }

    /// <summary>The field of this name ("customer", "case"), or null.</summary>
    public static LinkField? Named(string name) => name == Customer.Name ? Customer : name == Case.Name ? Case : null;

    public override string ToString() => Name;
}

/// <summary>Who set what a link column holds now.</summary>
public enum LinkOwner
{
    /// <summary>The column is empty, and free.</summary>
    Nobody,

    /// <summary>The plug-in set it (one of its claims names it): later evidence may replace or remove it.</summary>
    Plugin,

    /// <summary>An agent, a bot, Omnichannel or any other process set it: it is never changed (SPEC §3.7).</summary>
    SomeoneElse,
}

/// <summary>
/// What one link column holds at the start of a run and who set it: the one place that decides which links the
/// plug-in may touch. A link is the plug-in's only while a claim of the plug-in names exactly that record: an agent who
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

    public static CurrentLink Classify(Guid conversationId, LinkField field, EntityReference? value, IReadOnlyList<LinkClaim> claims)
    {
        if (value == null)
        {
            return new CurrentLink(field, null, LinkOwner.Nobody, Array.Empty<string>());
        }

        var claim = claims.FirstOrDefault(c => c.Claims(conversationId, field, value));
        return claim == null
            ? new CurrentLink(field, value, LinkOwner.SomeoneElse, Array.Empty<string>())
            : new CurrentLink(field, value, LinkOwner.Plugin, claim.Keys);
    }
}
