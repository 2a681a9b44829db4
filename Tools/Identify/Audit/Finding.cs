using System;
using System.Collections.Generic;

namespace Identification.Identify.Audit;

/// <summary>
/// One thing in the data or the configuration that will stop or weaken identification. The JSON shape (README, "audit")
/// is these properties; <see cref="Value"/> and <see cref="Suggestion"/> are personal data and masked unless asked for.
/// </summary>
/// <param name="Kind">One of <see cref="FindingKinds"/>.</param>
/// <param name="Table">The table the rule searches.</param>
/// <param name="Column">The column, or the columns comma-separated when one input reads several; null for a whole record or rule.</param>
/// <param name="Input">The input key of the rule (Email, Phone, CaseNumber, …), or null.</param>
/// <param name="Value">The stored value concerned (for a shared identifier, one of its spellings), or null.</param>
/// <param name="RecordIds">The records to look at: those sharing the value, the inactive duplicates, the record without identifier.</param>
/// <param name="Detail">What it means for identification and what to do, in a sentence, without personal data.</param>
internal sealed record Finding(string Kind, string Table, string? Column, string? Input, string? Value, IReadOnlyList<Guid> RecordIds, string Detail)
{
    /// <summary>For <see cref="FindingKinds.InactiveDuplicate"/>: the active records the inactive ones share the value with.</summary>
    public IReadOnlyList<Guid> ActiveRecordIds { get; init; } = Array.Empty<Guid>();

    /// <summary>A value to store instead (a phone number's E.164 form), or null.</summary>
    public string? Suggestion { get; init; }
}

/// <summary>The kinds of <see cref="Finding"/>, stable: scripts select on them.</summary>
internal static class FindingKinds
{
    /// <summary>Two or more active records that one typed identifier finds together: the plug-in says "Several records found" and links nobody.</summary>
    public const string SharedIdentifier = "shared-identifier";

    /// <summary>A phone number the plug-in finds only when typed exactly as stored (not E.164, not a written form it looks up).</summary>
    public const string PhoneVerbatimOnly = "phone-verbatim-only";

    /// <summary>A phone number stored without its country code, found only because <c>defaultCountryCode</c> is set.</summary>
    public const string PhoneNeedsDefaultCountry = "phone-needs-default-country";

    /// <summary>An active record with no identifier any typed input can find: it is found by name alone, or never.</summary>
    public const string NoIdentifier = "no-identifier";

    /// <summary>Inactive records sharing an identifier with an active one: harmless to the rules, a sign of duplicates.</summary>
    public const string InactiveDuplicate = "inactive-duplicate";

    /// <summary>A stored value no typed input can reach: a leading space, control characters, too long, or not text.</summary>
    public const string UnreachableValue = "unreachable-value";

    /// <summary>A column a rule reads that has no value in any row of the export: unknown to the table, or empty everywhere.</summary>
    public const string ColumnEmpty = "column-empty";

    /// <summary>A rule that can never run with this configuration.</summary>
    public const string RuleNeverRuns = "rule-never-runs";

    /// <summary>A rule the audit cannot check: a FetchXML rule, or a table missing from the export.</summary>
    public const string RuleNotAudited = "rule-not-audited";

    /// <summary>Every kind, most harmful first (the order of the summary and of "what to fix first").</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SharedIdentifier, PhoneVerbatimOnly, NoIdentifier, UnreachableValue, PhoneNeedsDefaultCountry, InactiveDuplicate,
        ColumnEmpty, RuleNeverRuns, RuleNotAudited,
    ];
}
