using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Links;

/// <summary>
/// The plug-in's record of a change it made to a conversation's links: the customer and/or case it linked, the links
/// of its own it removed or replaced, and the inputs it decided on. A non-displayable context item, written before
/// the change and never altered, so every later run can tell the plug-in's links from everyone else's. Its id is
/// derived from the conversation and its content, so an item nobody but the plug-in wrote is not believed
/// (<see cref="Read"/>).
/// </summary>
public sealed class LinkRecord
{
    private const string None = "none";
    private const string CustomerPart = "customer=";
    private const string CasePart = "case=";
    private const string UnlinkedPart = "unlinked=";
    private const string KeysPart = "on=";
    private const string Separator = "; ";
    private static readonly string[] Separators = { Separator };
    private static readonly string[] ListSeparators = { ", " };

    public LinkRecord(EntityReference? customer, EntityReference? @case, IReadOnlyList<EntityReference> unlinked, IReadOnlyList<string> keys)
    {
        if (customer == null && @case == null && unlinked.Count == 0)
        {
            throw new ArgumentException("A link record names a link made or removed.");
        }

        Customer = Bare(customer);
        Case = Bare(@case);
        Unlinked = unlinked.Select(u => Bare(u)!).ToList();
        Keys = keys;
    }

    /// <summary>The customer the plug-in linked, or null when this record links no customer.</summary>
    public EntityReference? Customer { get; }

    /// <summary>The case the plug-in linked, or null when this record links no case.</summary>
    public EntityReference? Case { get; }

    /// <summary>The plug-in's own earlier links this change removed or replaced.</summary>
    public IReadOnlyList<EntityReference> Unlinked { get; }

    /// <summary>The input keys the change was decided on (key names only, never values).</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The context item's value: "customer=contact:&lt;id&gt;; case=none; unlinked=account:&lt;id&gt;; on=Name, Email".</summary>
    public string Value => CustomerPart + Describe(Customer) + Separator + CasePart + Describe(Case) + Separator
        + UnlinkedPart + (Unlinked.Count == 0 ? None : string.Join(", ", Unlinked.Select(Describe))) + Separator + KeysPart + string.Join(", ", Keys);

    public Guid IdFor(Guid conversationId)
    {
        // The keys are not part of the identity: the same change on other inputs is the same claim.
        var content = Value.Substring(0, Value.LastIndexOf(Separator + KeysPart, StringComparison.Ordinal));
        return NameBasedGuid.Create(NameBasedGuid.PluginNamespace, conversationId.ToString("D") + "/link/" + content);
    }

    /// <summary>The record an item holds, or null when the item is not a well-formed record whose id matches its content.</summary>
    public static LinkRecord? Read(Guid conversationId, Guid itemId, string? value)
    {
        var parts = (value ?? string.Empty).Split(Separators, StringSplitOptions.None);
        if (parts.Length != 4 || !Part(parts[0], CustomerPart, out var customerText) || !Part(parts[1], CasePart, out var caseText)
            || !Part(parts[2], UnlinkedPart, out var unlinkedText) || !Part(parts[3], KeysPart, out var keysText)
            || !TryParse(customerText, out var customer) || !TryParse(caseText, out var @case))
        {
            return null;
        }

        var unlinked = new List<EntityReference>();
        if (unlinkedText != None)
        {
            foreach (var text in unlinkedText.Split(ListSeparators, StringSplitOptions.None))
            {
                if (!TryParse(text, out var link) || link == null)
                {
                    return null;
                }

                unlinked.Add(link);
            }
        }

        if (customer == null && @case == null && unlinked.Count == 0)
        {
            return null;
        }

        var record = new LinkRecord(customer, @case, unlinked, keysText.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries));
        return record.IdFor(conversationId) == itemId ? record : null;
    }

    private static bool Part(string text, string prefix, out string rest)
    {
        rest = text.StartsWith(prefix, StringComparison.Ordinal) ? text.Substring(prefix.Length) : string.Empty;
        return text.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static EntityReference? Bare(EntityReference? link) => link == null ? null : new EntityReference(link.LogicalName, link.Id);

    private static string Describe(EntityReference? link) => link == null ? None : link.LogicalName + ":" + link.Id.ToString("D");

    private static bool TryParse(string text, out EntityReference? link)
    {
        link = null;
        if (text == None)
        {
            return true;
        }

        var colon = text.IndexOf(':');
        if (colon <= 0 || !Guid.TryParseExact(text.Substring(colon + 1), "D", out var id))
        {
            return false;
        }

        link = new EntityReference(text.Substring(0, colon), id);
        return true;
    }
}
