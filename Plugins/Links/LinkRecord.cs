using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Links;

/// <summary>
/// The plug-in's record that it linked a customer and/or a case on a conversation, and on which inputs: a
/// non-displayable context item, written before the link and never changed or removed, so the plug-in can tell its
/// own links from everyone else's on every later run. Its id is derived from the conversation and the links it names,
/// so a record nobody but the plug-in wrote is not believed (<see cref="Read"/>).
/// </summary>
public sealed class LinkRecord
{
    private const string None = "none";
    private const string CustomerPart = "customer=";
    private const string CasePart = "case=";
    private const string KeysPart = "on=";
    private const string Separator = "; ";
    private static readonly string[] Separators = { Separator };
    private static readonly string[] KeySeparators = { ", " };

    public LinkRecord(EntityReference? customer, EntityReference? @case, IReadOnlyList<string> keys)
    {
        if (customer == null && @case == null)
        {
            throw new ArgumentException("A link record names a customer, a case or both.");
        }

        Customer = customer == null ? null : new EntityReference(customer.LogicalName, customer.Id);
        Case = @case == null ? null : new EntityReference(@case.LogicalName, @case.Id);
        Keys = keys;
    }

    /// <summary>The customer the plug-in linked, or null when this record is about the case only.</summary>
    public EntityReference? Customer { get; }

    /// <summary>The case the plug-in linked, or null when this record is about the customer only.</summary>
    public EntityReference? Case { get; }

    /// <summary>The input keys the link was made on (key names only, never values).</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The context item's value: "customer=contact:&lt;id&gt;; case=none; on=Name, Email".</summary>
    public string Value => CustomerPart + Describe(Customer) + Separator + CasePart + Describe(Case) + Separator + KeysPart + string.Join(", ", Keys);

    public Guid IdFor(Guid conversationId) => NameBasedGuid.Create(NameBasedGuid.PluginNamespace,
        conversationId.ToString("D") + "/link/" + Describe(Customer) + "/" + Describe(Case));

    /// <summary>The record an item holds, or null when the item is not a well-formed record whose id matches its content.</summary>
    public static LinkRecord? Read(Guid conversationId, Guid itemId, string? value)
    {
        var parts = (value ?? string.Empty).Split(Separators, StringSplitOptions.None);
        if (parts.Length != 3 || !parts[0].StartsWith(CustomerPart, StringComparison.Ordinal) || !parts[1].StartsWith(CasePart, StringComparison.Ordinal)
            || !parts[2].StartsWith(KeysPart, StringComparison.Ordinal)
            || !TryParse(parts[0].Substring(CustomerPart.Length), out var customer) || !TryParse(parts[1].Substring(CasePart.Length), out var @case)
            || (customer == null && @case == null))
        {
            return null;
        }

        var keys = parts[2].Substring(KeysPart.Length).Split(KeySeparators, StringSplitOptions.RemoveEmptyEntries);
        var record = new LinkRecord(customer, @case, keys);
        return record.IdFor(conversationId) == itemId ? record : null;
    }

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
