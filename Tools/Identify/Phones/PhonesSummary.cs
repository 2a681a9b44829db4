using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Identification.Identify.Phones;

/// <summary>Counts what <c>identify phones</c> found and prints the summary that goes to stderr.</summary>
internal sealed class PhonesSummary
{
    /// <summary>How many numbers of each category that is left for a person are shown, with where they are.</summary>
    public const int ExamplesShown = 5;

    private readonly string _directory;
    private readonly DefaultCountry? _country;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _columns;
    private readonly Dictionary<PhoneCategory, int> _counts = Enum.GetValues<PhoneCategory>().ToDictionary(c => c, _ => 0);
    private readonly Dictionary<PhoneCategory, List<string>> _examples = Enum.GetValues<PhoneCategory>().ToDictionary(c => c, _ => new List<string>());
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);
    private readonly List<string> _missing = new();

    public PhonesSummary(string directory, DefaultCountry? country, IReadOnlyDictionary<string, IReadOnlyList<string>> columns)
    {
        _directory = directory;
        _country = country;
        _columns = columns;
    }

    public int Count(PhoneCategory category) => _counts[category];

    public void Row(string table) => _rows[table] = _rows.GetValueOrDefault(table) + 1;

    public void Missing(string table) => _missing.Add(table);

    /// <summary>Counts a number; <paramref name="where"/> says where it is, for the first few that are left for a person.</summary>
    public void Add(PhoneVerdict verdict, string where)
    {
        _counts[verdict.Category]++;
        if (verdict.Reason is not null && _examples[verdict.Category].Count < ExamplesShown)
        {
            _examples[verdict.Category].Add(where + ": " + verdict.Reason);
        }
    }

    public void Print(TextWriter error, string? outFile, string? requestsFile, int? requests)
    {
        var checkedTables = _columns.Where(c => !_missing.Contains(c.Key)).ToList();
        var total = _counts.Values.Sum();
        var rows = string.Join(" and ", checkedTables.Select(c => Invariant($"{_rows.GetValueOrDefault(c.Key):N0} {c.Key} rows")));
        var columns = string.Join("; ", checkedTables.Select(c => c.Key + ": " + (c.Value.Count == 0 ? "no columns" : string.Join(", ", c.Value))));
        var country = _country is null ? "none (--default-country not given)" : _country.Description;
        error.WriteLine(Invariant($"Checked {total:N0} phone numbers in {rows} of {_directory} ({columns}), default country {country}."));
        foreach (var table in _missing)
        {
            error.WriteLine($"No {table} table in {_directory} ({table}.json or {table}.csv): its numbers were not checked.");
        }

        var fixes = outFile ?? "stdout";
        Line(error, "already E.164", PhoneCategory.AlreadyE164, "nothing to do");
        Line(error, "fixable", PhoneCategory.Fixable, requestsFile is null
            ? $"their E.164 form is in {fixes}"
            : Invariant($"their E.164 form is in {fixes}, and {requests:N0} PATCH request{(requests == 1 ? "" : "s")} in {requestsFile}"));
        Line(error, "ambiguous", PhoneCategory.Ambiguous, "left for a person: no country code and no --default-country, or valid only as an international number missing its +");
        Line(error, "invalid", PhoneCategory.Invalid, "left for a person: not a valid phone number");
        Line(error, "extension", PhoneCategory.Extension, "left for a person: valid, with an extension E.164 cannot hold");
        foreach (var (category, name) in new[] { (PhoneCategory.Ambiguous, "Ambiguous"), (PhoneCategory.Invalid, "Invalid"), (PhoneCategory.Extension, "With an extension") })
        {
            var examples = _examples[category];
            if (examples.Count > 0)
            {
                error.WriteLine(_counts[category] > examples.Count ? Invariant($"{name} (the first {examples.Count} of {_counts[category]:N0}):") : name + ":");
                foreach (var example in examples)
                {
                    error.WriteLine("  " + example);
                }
            }
        }
    }

    private void Line(TextWriter error, string label, PhoneCategory category, string meaning) =>
        error.WriteLine(Invariant($"  {label,-14} {_counts[category],7:N0}  ({meaning})"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
