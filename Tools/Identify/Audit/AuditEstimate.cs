using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Identification.Identify.Conversations;
using Identification.Identify.Data;
using Identification.Identify.Replay;
using Identification.LocalOrg;
using Identification.Plugins;
using Identification.Plugins.Configuration;
using Identification.Plugins.Outcome;
using NodeValue = System.Text.Json.Nodes.JsonValue;

namespace Identification.Identify.Audit;

/// <summary>How the replayed conversations end under one configuration.</summary>
/// <param name="Variant">What differs from the configuration given ("as configured" for it).</param>
/// <param name="Linked">Conversations ending with a <c>linked:…</c> code.</param>
/// <param name="Several">Ending with <c>several</c>.</param>
/// <param name="None">Ending with <c>none</c>.</param>
/// <param name="Other">Ending otherwise: untrusted, skipped, error, or no code.</param>
internal sealed record EstimateRow(string Variant, int Conversations, int Linked, int Several, int None, int Other)
{
    public double Share(int count) => Conversations == 0 ? 0 : 100.0 * count / Conversations;
}

/// <summary>
/// The estimate of <c>identify audit --conversations</c>: the conversations replayed through the real plug-in (as
/// <c>identify replay</c> does) under the configuration given, then under each what-if variant of its main knobs:
/// the other <c>resolution</c>, every other <c>minimumMatchingInputs</c> from 1 to 3, and every phone column searched.
/// Each variant is a replay of its own on a freshly seeded organization.
/// </summary>
internal static class AuditEstimate
{
    /// <summary>Phone columns of the built-in customer tables, for the "every phone column" variant.</summary>
    private static readonly Dictionary<string, string[]> EveryPhoneColumn = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Schema.Contact.Table] = [Schema.Contact.MobilePhone, Schema.Contact.Telephone1, Schema.Contact.Telephone2, Schema.Contact.Telephone3],
        [Schema.Account.Table] = [Schema.Account.Telephone1, Schema.Account.Telephone2, Schema.Account.Telephone3],
    };

    /// <summary>Replays <paramref name="conversations"/> under the configuration and its variants; the first row is the configuration itself.</summary>
    public static IReadOnlyList<EstimateRow> Run(IReadOnlyList<TableFile> tables, IReadOnlyList<ConversationInput> conversations, string? configuration,
        CollationMode collation, TextWriter error, bool errorIsTerminal)
    {
        var rows = new List<EstimateRow>();
        foreach (var (variant, text) in Variants(configuration))
        {
            error.WriteLine($"Estimating: replaying {conversations.Count:N0} conversations, {variant}.");
            rows.Add(Replay(variant, text, tables, conversations, collation, errorIsTerminal ? error : null));

            // The variant's organization (the whole export, in memory) is garbage now: collected before the next one is
            // loaded, peak memory is one organization's rather than whatever the collector had not yet reclaimed.
            GC.Collect();
        }

        return rows;
    }

    /// <summary>The configuration, then each variant of it that differs and that the plug-in accepts.</summary>
    public static IEnumerable<(string Variant, string? Configuration)> Variants(string? configuration)
    {
        yield return ("as configured", configuration);
        var settings = IdentificationSettings.Parse(configuration);
        var other = settings.Resolution == ResolutionPolicy.Strict ? "firstSingleMatch" : "strict";
        if (With(configuration, "resolution", NodeValue.Create(other)) is { } resolution)
        {
            yield return ($"resolution {other}", resolution);
        }

        foreach (var minimum in Enumerable.Range(1, 3).Where(m => m != settings.MinimumMatchingInputs))
        {
            if (With(configuration, "minimumMatchingInputs", NodeValue.Create(minimum)) is { } variant)
            {
                yield return (string.Create(CultureInfo.InvariantCulture, $"minimumMatchingInputs {minimum}"), variant);
            }
        }

        var searched = settings.CustomerRules.Where(rule => EveryPhoneColumn.ContainsKey(rule.Table) && rule.FetchXml is null).ToList();
        var phones = new JsonObject();
        foreach (var rule in searched)
        {
            phones[rule.Table] = new JsonArray(EveryPhoneColumn[rule.Table].Select(column => (JsonNode)NodeValue.Create(column)).ToArray());
        }

        var current = searched.SelectMany(rule => rule.Inputs.Where(input => input.IsPhone).SelectMany(input => input.Columns)).ToHashSet(StringComparer.Ordinal);
        var every = searched.SelectMany(rule => EveryPhoneColumn[rule.Table]).ToHashSet(StringComparer.Ordinal);
        if (searched.Count > 0 && !current.SetEquals(every) && With(configuration, "phoneColumns", phones) is { } allPhones)
        {
            yield return ("phoneColumns: every phone column", allPhones);
        }
    }

    /// <summary>The configuration with one option set; null when the plug-in would refuse the result.</summary>
    private static string? With(string? configuration, string option, JsonNode value)
    {
        var root = string.IsNullOrWhiteSpace(configuration) ? new JsonObject() : JsonNode.Parse(configuration)!.AsObject();
        root[option] = value;
        var text = root.ToJsonString();
        try
        {
            IdentificationSettings.Parse(text);
            return text;
        }
        catch (ConfigurationException)
        {
            return null;
        }
    }

    private static EstimateRow Replay(string variant, string? configuration, IReadOnlyList<TableFile> tables, IReadOnlyList<ConversationInput> conversations,
        CollationMode collation, TextWriter? progress)
    {
        var session = new ReplaySession(configuration, collation);
        foreach (var table in tables)
        {
            ReplayCommand.Seed(session, table, progress is null ? null : new ProgressBar(progress, $"  loading {Path.GetFileName(table.Path)}", 0));
        }

        var summary = new ReplaySummary();
        var bar = progress is null ? null : new ProgressBar(progress, "  replaying", conversations.Count);
        foreach (var conversation in conversations)
        {
            summary.Add(session.Replay(conversation));
            bar?.Report(summary.Conversations);
        }

        bar?.Finish();
        var linked = summary.Identified;
        var several = summary.CodeCount(OutcomeCode.Several);
        var none = summary.CodeCount(OutcomeCode.None);
        return new EstimateRow(variant, summary.Conversations, linked, several, none, summary.Conversations - linked - several - none);
    }
}
