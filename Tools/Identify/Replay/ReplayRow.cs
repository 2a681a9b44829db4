using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Identify.Conversations;
using Identification.LocalOrg;
using Identification.Plugins;
using Identification.Plugins.Outcome;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Replay;

/// <summary>One piece of evidence a conversation brought: a context variable, the texter's or caller's number, a portal identity.</summary>
internal sealed record Evidence(string Name, string Value, bool Late);

/// <summary>
/// A replayed conversation as people read it (the terminal table and the HTML report): the links by name instead
/// of id, and nothing of the plug-in runs but their counts, so a long replay keeps only this much per conversation.
/// </summary>
internal sealed record ReplayRow(
    long Line,
    Guid Id,
    string? Scenario,
    string Channel,
    IReadOnlyList<Evidence> Evidence,
    string? Customer,
    string? CustomerTable,
    string? Case,
    string? Outcome,
    string? Code,
    int Queries,
    int Writes,
    Classification Classification,
    bool? MeetsExpectation,
    int OrderDependent,
    string? Error)
{
    /// <summary>How far the link can be trusted, from the code (<c>linked:identifier</c> gives <c>identifier</c>); empty when nothing was linked.</summary>
    public string Trust => Code is { } code && OutcomeCode.Is(code, OutcomeCode.Linked) && BaseCode.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
        ? BaseCode[(colon + 1)..]
        : string.Empty;

    /// <summary>The code without <c>;corrected</c>, or <see cref="ReplaySummary.NoCode"/>.</summary>
    public string BaseCode => Code is { } code ? code.Split(';')[0] : ReplaySummary.NoCode;

    /// <summary>Whether the conversation ended differently from what its line expects, in some order, or with an error: worth a look first.</summary>
    public bool NeedsALook => MeetsExpectation == false || OrderDependent > 0 || Classification == Classification.Error;

    /// <summary>The scenario label, or the conversation id when the line has none.</summary>
    public string Label => Scenario ?? Id.ToString("D");

    /// <summary>Why the row needs a look, in a few words; empty when it does not.</summary>
    public string Note => string.Join("; ", new[]
    {
        Error,
        MeetsExpectation == false ? "not as expected" : null,
        OrderDependent > 0 ? $"depends on arrival order ({OrderDependent} other order{(OrderDependent == 1 ? string.Empty : "s")} differ)" : null,
    }.Where(note => note is not null));

    /// <summary>Builds the row of <paramref name="result"/>, naming its links from <paramref name="organization"/>.</summary>
    public static ReplayRow Of(ReplayResult result, LocalOrganization organization)
    {
        var conversation = result.Conversation;
        return new ReplayRow(
            conversation.Line,
            conversation.Id,
            conversation.Scenario,
            conversation.Channel.ToString().ToLowerInvariant(),
            EvidenceOf(conversation),
            result.Customer is { } customer ? NameOf(organization, customer) : null,
            result.Customer?.LogicalName,
            result.Case is { } @case ? NameOf(organization, @case) : null,
            result.Outcome,
            result.Code,
            result.Queries,
            result.Writes,
            result.Classification,
            result.MeetsExpectation,
            result.Orders?.Differing.Count ?? 0,
            result.Error);
    }

    private static List<Evidence> EvidenceOf(ConversationInput conversation)
    {
        var evidence = conversation.Context.Select(value => new Evidence(value.Name, value.Value, Late: false)).ToList();
        if (conversation.Phone is { } phone)
        {
            evidence.Add(new Evidence(conversation.Channel.ToString().ToLowerInvariant() + " number", phone, Late: true));
        }

        if (conversation.Portal is { } portal)
        {
            evidence.Add(new Evidence(portal.Authenticated ? "signed-in id" : "unsigned portal id", portal.PortalContactId, Late: true));
        }

        evidence.AddRange(conversation.Late.Select(value => new Evidence(value.Name, value.Value, Late: true)));
        return evidence;
    }

    /// <summary>A contact's full name, an account's name, a case's ticket number; the id when the row has none.</summary>
    private static string NameOf(LocalOrganization organization, RecordLink link)
    {
        var column = link.LogicalName switch
        {
            Schema.Contact.Table => Schema.Contact.FullName,
            Schema.Account.Table => Schema.Account.Name,
            Schema.Incident.Table => Schema.Incident.TicketNumber,
            _ => null,
        };
        var name = column is null ? null : organization.Find(link.LogicalName, link.Id)?.GetAttributeValue<string>(column);
        return string.IsNullOrWhiteSpace(name) ? link.Id.ToString("D") : name;
    }
}
