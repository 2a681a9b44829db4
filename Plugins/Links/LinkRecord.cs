using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Links;

/// <summary>
/// The plug-in's record that it linked a customer and/or a case on a conversation, and on which inputs: a
/// non-displayable context item, written before the link and never altered or removed, so every later run can tell
/// the plug-in's links from everyone else's. Its id is derived from the conversation and the links it names, so an
/// item nobody but the plug-in wrote is not believed (<see cref="Read"/>).
/// </summary>
public sealed class LinkRecord
{
    private const string None = "none";
    private const string CustomerPart = "customer=";
    private const string CasePart = "case=";
    private const string KeysPart = "on=";
    private const string Separator = "; ";
    private static readonly string[] Separators = { Separator };
    private static readonly string[] ListSeparators = { ", " };

    public LinkRecord(EntityReference? customer, EntityReference? @case, IReadOnlyList<string> keys)
    {
        if (customer == null && @case == null)
        {
            throw new ArgumentException("A link record names a customer, a case or both.");
        }

        Customer = Bare(customer);
        Case = Bare(@case);
        Keys = keys;
    }

    /// <summary>The customer the plug-in linked, or null when this record links no customer.</summary>
    public EntityReference? Customer { get; }

    /// <summary>The case the plug-in linked, or null when this record links no case.</summary>
    public EntityReference? Case { get; }

    /// <summary>The input keys the link was made on (key names only, never values).</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The context item's value: "customer=contact:&lt;id&gt;; case=none; on=Name, Email".</summary>
    public string Value => CustomerPart + Describe(Customer) + Separator + CasePart + Describe(Case) + Separator + KeysPart + string.Join(", ", Keys);

    /// <summary>The item's id: derived from the conversation and the links (not the keys: the same links on other inputs are the same claim).</summary>
    public Guid IdFor(Guid conversationId) => NameBasedGuid.Create(NameBasedGuid.PluginNamespace,
        conversationId.ToString("D") + "/link/" + Describe(Customer) + "/" + Describe(Case));

    /// <summary>The record an item holds, or null when the item is not a well-formed record whose id matches its content.</summary>
    public static LinkRecord? Read(Guid conversationId, Guid itemId, string? value)
    {
        var parts = (value ?? string.Empty).Split(Separators, StringSplitOptions.None);
        if (parts.Length != 3 || !Part(parts[0], CustomerPart, out var customerText) || !Part(parts[1], CasePart, out var caseText)
            || !Part(parts[2], KeysPart, out var keysText)
            || !TryParse(customerText, out var customer) || !TryParse(caseText, out var @case) || (customer == null && @case == null))
        {
            return null;
        }

        var record = new LinkRecord(customer, @case, keysText.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries));
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
