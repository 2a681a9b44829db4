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
/// (<see cref="InputSet.Check"/>) and phone normaliser (<see cref="PluginPhoneNumbers"/>) and with the organization's
/// collation (accent-insensitive by default, accent-sensitive for a _CI_AS environment), so the audit and a query never disagree.
/// </summary>
/// <param name="Key">
/// Values with the same key can be found by one input: for text, the value folded by the collation; for a phone number the
/// plug-in reads, its E.164 form; for any other phone value, the folded value itself (prefixed "=" so it never equals an E.164 form).
/// </param>
/// <param name="Verbatim">The value folded by the collation: what typing it exactly as stored finds.</param>
internal readonly record struct StoredValue(StoredValueKind Kind, string Key, string Verbatim)
{
    /// <summary>Reads a stored value of a text column (a name, an email, a case number, a custom identifier).</summary>
    public static StoredValue OfText(string value, CollationMode mode)
    {
        var collation = Collation.For(mode);
        var folded = collation.Fold(value);
        return Reachable(value, folded, collation) ? new StoredValue(StoredValueKind.Text, folded, folded) : Unreachable(value);
    }

    /// <summary>
    /// Reads a stored value of a phone column: typed as <c>t</c>, the plug-in looks up <c>t</c> itself, its E.164 form and its
    /// common written forms (<see cref="PluginPhoneNumbers.Candidates"/>); a stored value among those forms of its own number is
    /// found however the number is typed.
    /// </summary>
    public static StoredValue OfPhone(string value, string? defaultCountry, CollationMode mode)
    {
        var collation = Collation.For(mode);
        var verbatim = collation.Fold(value);
        if (!Reachable(value, verbatim, collation))
        {
            return Unreachable(value);
        }

        var number = PluginPhoneNumbers.Parse(value.Trim(), defaultCountry);
        if (number is null)
        {
            return new StoredValue(StoredValueKind.PhoneVerbatimOnly, "=" + verbatim, verbatim);
        }

        var found = PluginPhoneNumbers.Candidates(number.E164, defaultCountry).Any(form => collation.Fold(form) == verbatim);
        return new StoredValue(found ? StoredValueKind.PhoneFound : StoredValueKind.PhoneVerbatimOnly, number.E164, verbatim);
    }

    /// <summary>Whether some typed input equals the value under the collation: inputs are trimmed and checked by the plug-in.</summary>
    private static bool Reachable(string value, string folded, Collation collation) =>
        InputSet.Check(value, out var clean) is null && clean.Length > 0 && (ReferenceEquals(clean, value) || collation.Fold(clean) == folded);

    private static StoredValue Unreachable(string value) => new(StoredValueKind.Unreachable, string.Empty, value);
}

/// <summary>One active stored value of an input, in a <see cref="KeyIndex"/>.</summary>
/// <param name="EveryForm">Found however its number is typed (every text value is); false for a phone value found only verbatim.</param>
/// <param name="Verbatim">For a value found only verbatim, what typing it exactly finds (the folded value); null otherwise.</param>
internal readonly record struct KeyedValue(int Record, string Column, bool EveryForm, string? Verbatim);

/// <summary>
/// The active stored values of one input grouped by <see cref="StoredValue.Key"/>, compactly (a struct per value and a
/// dictionary entry per key, no object per group), so a million-row table costs memory in proportion to its values.
/// </summary>
internal sealed class KeyIndex
{
    private readonly Dictionary<string, int> _last = new(StringComparer.Ordinal);
    private readonly List<(KeyedValue Value, int Previous)> _values = new();

    public void Add(StoredValue value, int record, string column)
    {
        var previous = _last.TryGetValue(value.Key, out var last) ? last : -1;
        _last[value.Key] = _values.Count;
        var everyForm = value.Kind != StoredValueKind.PhoneVerbatimOnly;
        _values.Add((new KeyedValue(record, column, everyForm, everyForm ? null : value.Verbatim), previous));
    }

    /// <summary>Each key with its values, in the order they were added.</summary>
    public IEnumerable<(string Key, IReadOnlyList<KeyedValue> Values)> Groups()
    {
        foreach (var (key, last) in _last)
        {
            var values = new List<KeyedValue>();
            for (var i = last; i >= 0; i = _values[i].Previous)
            {
                values.Add(_values[i].Value);
            }

            values.Reverse();
            yield return (key, values);
        }
    }

    /// <summary>
    /// Every set of records one typed input finds among the <paramref name="values"/> of one key, records counted once however
    /// many columns hold the value: typed in a form the plug-in looks up, the records stored in such a form; typed exactly as
    /// a value stored only verbatim, the records stored so as well.
    /// </summary>
    public static IEnumerable<IReadOnlySet<int>> FoundTogether(IReadOnlyList<KeyedValue> values)
    {
        var everyForm = values.Where(v => v.EveryForm).Select(v => v.Record).ToHashSet();
        if (everyForm.Count > 0)
        {
            yield return everyForm;
        }

        foreach (var spelling in values.Where(v => !v.EveryForm).GroupBy(v => v.Verbatim, StringComparer.Ordinal))
        {
            yield return spelling.Select(v => v.Record).Concat(everyForm).ToHashSet();
        }
    }
}
