using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Identification.Identify.Reports;

namespace Identification.Identify.Replay;

/// <summary>
/// <c>identify replay --html FILE</c>: outcome shares, queries and writes per conversation, and every conversation with
/// its evidence, the outcome line the agent sees and its code, filterable by outcome and scenario, in the terminal table's
/// order (those that need a look first, then by outcome). Names, emails and
/// phone numbers (typed or linked) are masked unless <c>--show-values</c>.
/// </summary>
internal static partial class ReplayHtml
{
    /// <summary>Writes the report of <paramref name="rows"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<ReplayRow> rows, bool showValues)
    {
        using var file = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        Build(rows, showValues).WriteTo(file);
    }

    /// <summary>The report, for tests.</summary>
    public static HtmlReport Build(IReadOnlyList<ReplayRow> rows, bool showValues)
    {
        var c = CultureInfo.InvariantCulture;
        string Show(string value) => showValues ? value : Masking.Mask(value);

        var report = new HtmlReport("Customer identification replay");
        var identified = rows.Count(row => row.Trust.Length > 0);
        report.Paragraph(string.Format(c, "{0:N0} conversations replayed; {1:N0} end linked ({2:N1} %); {3:N0} as expected of {4:N0} with an expectation.",
            rows.Count, identified, rows.Count == 0 ? 0 : 100.0 * identified / rows.Count,
            rows.Count(row => row.MeetsExpectation == true), rows.Count(row => row.MeetsExpectation is not null)));
        if (!showValues)
        {
            report.Paragraph("Names, emails and phone numbers are masked (a***@example.com, +***00, A***); replay with --show-values to see them.", muted: true);
        }

        var codes = rows.Select(row => row.BaseCode).Distinct().OrderBy(code => ReplaySummary.Codes.ToList().IndexOf(code) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(code => code, StringComparer.Ordinal).ToList();
        report.Heading("Outcomes")
            .BarChart("Conversations by the outcome code they end with", codes.Select(code => (code, rows.Count(row => row.BaseCode == code))).ToList());

        report.Heading("Cost")
            .Paragraph(rows.Count == 0 ? "No conversations." : string.Format(c, "Queries per conversation: {0:N2} on average, {1} at most. Writes per conversation: {2:N2} on average, {3} at most.",
                rows.Average(row => row.Queries), rows.Max(row => row.Queries), rows.Average(row => row.Writes), rows.Max(row => row.Writes)))
            .BarChart("Conversations by the number of queries their plug-in runs made", Histogram(rows.Select(row => row.Queries), "queries"))
            .BarChart("Conversations by the number of writes their plug-in runs made", Histogram(rows.Select(row => row.Writes), "writes"));

        report.Heading("Conversations")
            .Filters("conversations",
            [
                ("outcome", "Outcome", codes),
                ("scenario", "Scenario", rows.Select(row => row.Scenario ?? "(none)").Distinct().Order(StringComparer.Ordinal).ToList()),
            ])
            .Table("conversations", ["line", "scenario / conversation", "channel", "evidence", "outcome (what the agent sees)", "code", "customer", "case", "trust", "queries", "writes", "note"],
                ReplayTable.SurprisingFirst(rows).Select(row => new HtmlRow(
                [
                    row.Line.ToString(c),
                    new HtmlCell(row.Label, [row.Id.ToString("D")]),
                    row.Channel,
                    new HtmlCell(string.Join(", ", row.Evidence.Select(e => e.Late ? "late " + e.Name : e.Name)),
                        row.Evidence.Select(e => $"{(e.Late ? "late " : string.Empty)}{e.Name}: {(IsCaseNumber(e.Name) ? e.Value : Show(e.Value))}").ToList()),
                    showValues ? row.Outcome ?? "(none)" : MaskQuoted(row.Outcome ?? "(none)"),
                    row.Code ?? ReplaySummary.NoCode,
                    row.Customer is null ? "-" : $"{Show(row.Customer)} ({row.CustomerTable})",
                    row.Case ?? "-",
                    row.Trust.Length == 0 ? "-" : row.Trust,
                    row.Queries.ToString(c),
                    row.Writes.ToString(c),
                    showValues ? row.Note : MaskQuoted(row.Note),
                ],
                new Dictionary<string, string> { ["outcome"] = row.BaseCode, ["scenario"] = row.Scenario ?? "(none)" })));
        return report;
    }

    /// <summary>Masks what the plug-in quotes in an outcome line: the names and values it matched.</summary>
    public static string MaskQuoted(string text) => Quoted().Replace(text, match => "\"" + Masking.Mask(match.Groups[1].Value) + "\"");

    private static bool IsCaseNumber(string name) => name.Equals("CaseNumber", StringComparison.OrdinalIgnoreCase);

    private static List<(string, int)> Histogram(IEnumerable<int> values, string unit) =>
        values.GroupBy(value => value).OrderBy(group => group.Key)
            .Select(group => (string.Create(CultureInfo.InvariantCulture, $"{group.Key} {unit}"), group.Count())).ToList();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quoted();
}
