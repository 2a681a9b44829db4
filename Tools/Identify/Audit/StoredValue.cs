using System;
using System.Collections.Generic;
using System.Linq;
using Identification.LocalOrg;
using Identification.Plugins.Evidence;
using PluginPhoneNumbers = Identification.Plugins.Identification.PhoneNumbers;

namespace Identification.Identify.Audit;

/// <summary>What the plug-in makes of one stored value of a rule's column, for the audit.</summary>
internal enum StoredValueKind
{
    /// <summary>A value some typed input finds: compared as the organization compares text (case and accents ignored).</summary>
    Text,

    /// <summary>A phone number stored in a form the plug-in looks up when the number is typed in any form (E.164 or a common written form).</summary>
    PhoneFound,

    /// <summary>A phone number the plug-in reads, stored in a form it does not look up: found only when typed exactly so.</summary>
    PhoneVerbatimOnly,

    /// <summary>A value no typed input can reach: it starts with a space, holds control characters, or is longer than an input may be.</summary>
    Unreachable,
}

/// <summary>
/// A stored value as the plug-in's queries see it: the key that groups the values one typed input finds together, and
/// whether the value is found however the number is typed. Computed with the plug-in's own input check
/// (<see cref="InputSet.Check"/>) and phone normaliser (<see cref="PhoneNumbers"/>) and with the organization's collation,
/// so the audit and a query never disagree.
/// </summary>
/// <param name="Key">
/// Values with the same key can be found by one input: for text, the value folded by the collation; for a phone number the
/// plug-in reads, its E.164 form; for any other phone value, the folded value itself (prefixed "=" so it never equals an E.164 form).
/// </param>
/// <param name="Verbatim">The value folded by the collation: what typing it exactly as stored finds.</param>
internal readonly record struct StoredValue(StoredValueKind Kind, string Key, string Verbatim)
{
    /// <summary>Reads a stored value of a text column (a name, an email, a case number, a custom identifier).</summary>
    public static StoredValue OfText(string value) =>
        Reachable(value) ? new StoredValue(StoredValueKind.Text, Collation.Fold(value), Collation.Fold(value)) : Unreachable(value);

    /// <summary>
    /// Reads a stored value of a phone column: typed as <c>t</c>, the plug-in looks up <c>t</c> itself, its E.164 form and its
    /// common written forms (<see cref="PluginPhoneNumbers.Candidates"/>); a stored value among those forms of its own number is
    /// found however the number is typed.
    /// </summary>
    public static StoredValue OfPhone(string value, string? defaultCountry)
    {
        if (!Reachable(value))
        {
            return Unreachable(value);
        }

        var verbatim = Collation.Fold(value);
        var number = PluginPhoneNumbers.Parse(value.Trim(), defaultCountry);
        if (number is null)
        {
            return new StoredValue(StoredValueKind.PhoneVerbatimOnly, "=" + verbatim, verbatim);
        }

        var found = PluginPhoneNumbers.Candidates(number.E164, defaultCountry).Any(form => Collation.Fold(form) == verbatim);
        return new StoredValue(found ? StoredValueKind.PhoneFound : StoredValueKind.PhoneVerbatimOnly, number.E164, verbatim);
    }

    /// <summary>Whether some typed input equals the value under the collation: inputs are trimmed and checked by the plug-in.</summary>
    private static bool Reachable(string value) =>
        InputSet.Check(value, out var clean) is null && clean.Length > 0 && Collation.Fold(clean) == Collation.Fold(value);

    private static StoredValue Unreachable(string value) => new(StoredValueKind.Unreachable, string.Empty, value);
}

/// <summary>
/// The records one input can find for one key (an email, a phone number's E.164 form): who a visitor typing it, in any
/// form, gets. Records are counted once however many columns hold the value.
/// </summary>
internal sealed class KeyGroup
{
    private readonly List<(int Record, string Column, StoredValue Value, string Raw)> _values = new();

    public KeyGroup(string key) => Key = key;

    public string Key { get; }

    public IReadOnlyList<(int Record, string Column, StoredValue Value, string Raw)> Values => _values;

    public void Add(int record, string column, StoredValue value, string raw) => _values.Add((record, column, value, raw));

    /// <summary>
    /// Every set of records one typed input finds: typed in a form the plug-in looks up, the records stored in such a form;
    /// typed exactly as some other stored value, the records stored so as well.
    /// </summary>
    public IEnumerable<IReadOnlySet<int>> FoundTogether()
    {
        var everyForm = _values.Where(v => v.Value.Kind != StoredValueKind.PhoneVerbatimOnly).Select(v => v.Record).ToHashSet();
        if (everyForm.Count > 0)
        {
            yield return everyForm;
        }

        foreach (var spelling in _values.Where(v => v.Value.Kind == StoredValueKind.PhoneVerbatimOnly).GroupBy(v => v.Value.Verbatim, StringComparer.Ordinal))
        {
            yield return spelling.Select(v => v.Record).Concat(everyForm).ToHashSet();
        }
    }
}
