using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Identification.Identify.Reports;

namespace Identification.Identify.Audit;

/// <summary>An audit's result with what it was run on, for the outputs.</summary>
/// <param name="Estimate">The replay estimate and its what-if rows (with <c>--conversations</c>), or null for the estimate from the data alone.</param>
internal sealed record AuditRun(string DataDirectory, string? ConfigFile, AuditResult Result, IReadOnlyList<EstimateRow>? Estimate)
{
    private readonly Dictionary<string, (int Findings, int Records)> _counts = Result.Findings.GroupBy(f => f.Kind)
        .ToDictionary(g => g.Key, g => (g.Count(), g.SelectMany(f => f.RecordIds).Distinct().Count()), StringComparer.Ordinal);

    /// <summary>Findings of a kind, and the distinct records they name (counted once, for every output).</summary>
    public (int Findings, int Records) Count(string kind) => _counts.GetValueOrDefault(kind);
}

/// <summary>
/// The outputs of <c>identify audit</c>: the terminal summary, the JSON findings, the CSV of records to clean and the
/// HTML report. Values are masked (<see cref="Masking"/>) unless <c>showValues</c>.
/// </summary>
internal static class AuditReport
{
    private const int TopShown = 5;

    /// <summary>The HTML report lists at most this many findings of each kind; the JSON and CSV have them all.</summary>
    public const int HtmlFindingsPerKind = 500;

    private static readonly Dictionary<string, string> Meaning = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FindingKinds.SharedIdentifier] = "active records one typed identifier finds together: \"Several records found\", no link",
        [FindingKinds.PhoneVerbatimOnly] = "phone numbers found only when typed exactly as stored, never from a caller's number",
        [FindingKinds.NoIdentifier] = "active records no typed identifier finds: by name alone, or never",
        [FindingKinds.UnreachableValue] = "values no typed input can match (leading space, control characters, too long, not text)",
        [FindingKinds.PhoneNeedsDefaultCountry] = "phone numbers without country code, found only through defaultCountryCode",
        [FindingKinds.InactiveDuplicate] = "inactive records sharing an identifier with an active one (harmless, a sign of duplicates)",
        [FindingKinds.ColumnEmpty] = "columns a rule reads with no value in the export",
        [FindingKinds.RuleNeverRuns] = "rules that can never run with this configuration",
        [FindingKinds.RuleNotAudited] = "rules the audit cannot check (FetchXML, or no table file)",
    };

    /// <summary>The summary an admin reads on the terminal: counts, the top offenders, what to fix first, the estimate.</summary>
    public static void WriteSummary(TextWriter output, AuditRun run, bool showValues)
    {
        var c = CultureInfo.InvariantCulture;
        var result = run.Result;
        output.WriteLine($"Audit of {run.DataDirectory} with {(run.ConfigFile is null ? "the built-in rules" : run.ConfigFile)}: "
            + Tables(result) + ".");
        output.WriteLine();
        output.WriteLine(showValues ? "Findings" : "Findings (values masked; --show-values shows them)");
        output.WriteLine(string.Format(c, "  {0,-28}{1,9}{2,9}", "kind", "findings", "records"));
        foreach (var kind in FindingKinds.All)
        {
            var (findings, records) = run.Count(kind);
            output.WriteLine(string.Format(c, "  {0,-28}{1,9:N0}{2,9:N0}  {3}", kind, findings, records, Meaning[kind]));
        }

        var top = TopShared(result).ToList();
        if (top.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Most shared identifiers");
            var rows = top.Select(f => new[] { f.Table, f.Column ?? "-", Show(f.Value, showValues), f.RecordIds.Count.ToString("N0", c), f.RecordIds[0].ToString("D") }).ToList();
            var header = new[] { "table", "column", "value", "records", "first record" };
            var widths = Enumerable.Range(0, header.Length).Select(i => rows.Append(header).Max(row => row[i].Length)).ToArray();
            foreach (var row in rows.Prepend(header))
            {
                output.WriteLine("  " + string.Join("  ", row.Select((cell, i) => i == 3 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
            }
        }

        output.WriteLine();
        output.WriteLine("What to fix first");
        var advice = Advice(run).ToList();
        for (var i = 0; i < advice.Count; i++)
        {
            output.WriteLine(string.Format(c, "  {0}. {1}", i + 1, advice[i]));
        }

        if (advice.Count == 0)
        {
            output.WriteLine("  Nothing: no identifier is shared, every phone number is found however it is typed, every active record has an identifier.");
        }

        output.WriteLine();
        WriteEstimate(output, run);
    }

    /// <summary>What to do, most harmful first, with the numbers; empty when the data has nothing to fix.</summary>
    public static IEnumerable<string> Advice(AuditRun run)
    {
        var (shared, sharing) = run.Count(FindingKinds.SharedIdentifier);
        if (shared > 0)
        {
            yield return $"Merge or correct {Count(sharing, "active record", "active records")} behind {Count(shared, "shared identifier", "shared identifiers")}: today a visitor giving one of them gets \"Several records found\" and no link.";
        }

        var (verbatim, _) = run.Count(FindingKinds.PhoneVerbatimOnly);
        if (verbatim > 0)
        {
            yield return $"Store {Count(verbatim, "phone number", "phone numbers")} found only when typed exactly so in E.164 (+14255550100): the CSV gives the E.164 form where the plug-in can tell it, and `identify phones` proposes the rest.";
        }

        var (_, without) = run.Count(FindingKinds.NoIdentifier);
        if (without > 0)
        {
            yield return $"Give {Count(without, "active record", "active records")} without an identifier an email or phone number, or expect them to be found by name only (trust \"name\").";
        }

        var (unreachable, _) = run.Count(FindingKinds.UnreachableValue);
        if (unreachable > 0)
        {
            yield return $"Correct {Count(unreachable, "value", "values")} no typed input can match (a leading space, control characters, too long, or exported as a number).";
        }

        var configuration = run.Result.Findings.Count(f => f.Kind is FindingKinds.ColumnEmpty or FindingKinds.RuleNeverRuns);
        if (configuration > 0)
        {
            yield return $"Check the configuration: {Count(configuration, "finding", "findings")} of columns empty in the export or rules that never run.";
        }

        var (national, _) = run.Count(FindingKinds.PhoneNeedsDefaultCountry);
        if (national > 0)
        {
            yield return $"Consider storing {Count(national, "number", "numbers")} written without country code in E.164: found only while defaultCountryCode stays as it is.";
        }

        var (_, inactive) = run.Count(FindingKinds.InactiveDuplicate);
        if (inactive > 0)
        {
            yield return $"Review {Count(inactive, "inactive record", "inactive records")} sharing an identifier with an active one: harmless to identification, but duplicates.";
        }
    }

    /// <summary>"the 1 active record", "the 2,502 active records".</summary>
    private static string Count(int count, string one, string many) =>
        string.Format(CultureInfo.InvariantCulture, "the {0:N0} {1}", count, count == 1 ? one : many);

    private static void WriteEstimate(TextWriter output, AuditRun run)
    {
        var c = CultureInfo.InvariantCulture;
        if (run.Estimate is { } estimate)
        {
            output.WriteLine(string.Format(c, "Estimate: the {0:N0} conversations replayed through the plug-in", estimate.Count == 0 ? 0 : estimate[0].Conversations));
            output.WriteLine(string.Format(c, "  {0,-32}{1,10}{2,10}{3,10}{4,10}", "configuration", "linked", "several", "none", "other"));
            foreach (var row in estimate)
            {
                output.WriteLine(string.Format(c, "  {0,-32}{1,8:N1} %{2,8:N1} %{3,8:N1} %{4,8:N1} %", row.Variant, row.Share(row.Linked), row.Share(row.Several), row.Share(row.None), row.Share(row.Other)));
            }

            return;
        }

        output.WriteLine("Estimate from the data alone (no --conversations): the active records a visitor finds, and only them, by giving one identifier as stored.");
        output.WriteLine("It says how findable the records are, not how many conversations will be linked: replay conversations for that.");
        foreach (var table in run.Result.Reachability)
        {
            double Share(int count) => table.ActiveRecords == 0 ? 0 : 100.0 * count / table.ActiveRecords;
            output.WriteLine(string.Format(c, "  {0}: {1:N0} active; {2}; by at least one: {3:N1} %", table.Table, table.ActiveRecords,
                string.Join(", ", table.ByInput.Select(input => string.Format(c, "by {0} {1:N1} %", input.Key, Share(input.Value)))), Share(table.ByAnyIdentifier)));
        }
    }

    /// <summary>Writes the documented JSON: <c>{"findings": [...], "summary": {...}}</c>.</summary>
    public static void WriteJson(Stream stream, AuditRun run, bool showValues)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("findings");
        foreach (var finding in run.Result.Findings)
        {
            json.WriteStartObject();
            json.WriteString("kind", finding.Kind);
            json.WriteString("table", finding.Table);
            // WriteString writes null for a null value.
            json.WriteString("column", finding.Column);
            json.WriteString("input", finding.Input);
            json.WriteString("value", finding.Value is null ? null : Show(finding.Value, showValues));
            json.WriteStartArray("recordIds");
            foreach (var id in finding.RecordIds)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            if (finding.ActiveRecordIds.Count > 0)
            {
                json.WriteStartArray("activeRecordIds");
                foreach (var id in finding.ActiveRecordIds)
                {
                    json.WriteStringValue(id);
                }

                json.WriteEndArray();
            }

            if (finding.Suggestion is { } suggestion)
            {
                json.WriteString("suggestion", Show(suggestion, showValues));
            }

            json.WriteString("detail", finding.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteSummaryJson(json, run, showValues);
        json.WriteEndObject();
    }

    private static void WriteSummaryJson(Utf8JsonWriter json, AuditRun run, bool showValues)
    {
        var result = run.Result;
        json.WriteStartObject("summary");
        json.WriteBoolean("valuesMasked", !showValues);
        json.WriteStartObject("tables");
        foreach (var table in result.Tables)
        {
            json.WriteStartObject(table.LogicalName);
            json.WriteNumber("rows", table.Rows);
            json.WriteNumber("active", table.Active);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("findings");
        foreach (var kind in FindingKinds.All)
        {
            var (findings, records) = run.Count(kind);
            json.WriteStartObject(kind);
            json.WriteNumber("findings", findings);
            json.WriteNumber("records", records);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("phones");
        json.WriteNumber("e164", result.Phones.E164);
        json.WriteNumber("writtenInternational", result.Phones.WrittenInternational);
        json.WriteNumber("needsDefaultCountry", result.Phones.NeedsDefaultCountry);
        json.WriteNumber("verbatimOnly", result.Phones.VerbatimOnly);
        json.WriteNumber("unreachable", result.Phones.Unreachable);
        json.WriteEndObject();
        if (result.Cases is { } cases)
        {
            json.WriteStartObject("cases");
            json.WriteNumber("activeCases", cases.ActiveCases);
            json.WriteNumber("customersWithNoActiveCase", cases.CustomersWithNone);
            json.WriteNumber("customersWithOneActiveCase", cases.CustomersWithOne);
            json.WriteNumber("customersWithSeveralActiveCases", cases.CustomersWithSeveral);
            json.WriteEndObject();
        }

        json.WriteStartObject("estimate");
        json.WriteString("basis", run.Estimate is null ? "data" : "replay");
        if (run.Estimate is { } estimate)
        {
            json.WriteStartArray("configurations");
            foreach (var row in estimate)
            {
                json.WriteStartObject();
                json.WriteString("variant", row.Variant);
                json.WriteNumber("conversations", row.Conversations);
                json.WriteNumber("linked", row.Linked);
                json.WriteNumber("several", row.Several);
                json.WriteNumber("none", row.None);
                json.WriteNumber("other", row.Other);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteStartArray("tables");
            foreach (var table in result.Reachability)
            {
                json.WriteStartObject();
                json.WriteString("table", table.Table);
                json.WriteNumber("activeRecords", table.ActiveRecords);
                json.WriteStartObject("foundAloneBy");
                foreach (var (input, count) in table.ByInput)
                {
                    json.WriteNumber(input, count);
                }

                json.WriteEndObject();
                json.WriteNumber("foundAloneByAnyIdentifier", table.ByAnyIdentifier);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The records to clean: one row per record and finding (RFC 4180, header row).</summary>
    public static void WriteCsv(TextWriter csv, AuditRun run, bool showValues)
    {
        csv.WriteLine("id,table,kind,column,input,value,suggestion,detail");
        foreach (var finding in run.Result.Findings)
        {
            foreach (var id in finding.RecordIds)
            {
                csv.WriteLine(string.Join(",",
                    id.ToString("D"), Field(finding.Table), Field(finding.Kind), Field(finding.Column), Field(finding.Input),
                    Field(finding.Value is null ? null : Show(finding.Value, showValues)), Field(finding.Suggestion is null ? null : Show(finding.Suggestion, showValues)),
                    Field(finding.Detail)));
            }
        }
    }

    /// <summary>The self-contained HTML report: the charts, what to fix first, the estimate and the findings, filterable.</summary>
    public static HtmlReport BuildHtml(AuditRun run, bool showValues)
    {
        var c = CultureInfo.InvariantCulture;
        var result = run.Result;
        var report = new HtmlReport("Customer identification audit");
        report.Paragraph($"Data: {run.DataDirectory}. Configuration: {run.ConfigFile ?? "the built-in rules"}. "
            + Tables(result) + ".");
        if (!showValues)
        {
            report.Paragraph("Names, emails and phone numbers are masked (a***@example.com, +***00, A***); audit with --show-values to see them.", muted: true);
        }

        report.Heading("What to fix first");
        foreach (var line in Advice(run).DefaultIfEmpty("Nothing: no identifier is shared, every phone number is found however it is typed, every active record has an identifier."))
        {
            report.Paragraph(line);
        }

        report.Heading("Estimated outcomes");
        if (run.Estimate is { Count: > 0 } estimate)
        {
            var configured = estimate[0];
            report.BarChart($"How the {configured.Conversations:N0} conversations end, replayed through the plug-in as configured",
                [("linked", configured.Linked), ("several", configured.Several), ("none", configured.None), ("other", configured.Other)]);
            report.Table("estimate", ["configuration", "linked", "several", "none", "other"], estimate.Select(row => new HtmlRow(
                [row.Variant, Percent(row, row.Linked), Percent(row, row.Several), Percent(row, row.None), Percent(row, row.Other)],
                new Dictionary<string, string>())));
        }
        else
        {
            report.Paragraph("From the data alone (no conversations given): the active records one identifier, given as stored, finds alone. It says how findable records are, not how many conversations will be linked.", muted: true);
            foreach (var table in result.Reachability)
            {
                report.BarChart($"Active {table.Table} records ({table.ActiveRecords:N0}) found alone by an identifier",
                    table.ByInput.Select(input => ("by " + input.Key, input.Value)).Append(("by any identifier", table.ByAnyIdentifier))
                        .Append(("by none", table.ActiveRecords - table.ByAnyIdentifier)).ToList());
            }
        }

        report.Heading("Duplicates by column");
        var shared = result.Findings.Where(f => f.Kind == FindingKinds.SharedIdentifier).GroupBy(f => $"{f.Table}.{f.Column}")
            .Select(g => (g.Key, g.SelectMany(f => f.RecordIds).Distinct().Count())).OrderByDescending(bar => bar.Item2).ToList();
        if (shared.Count == 0)
        {
            report.Paragraph("No identifier is shared by two active records.");
        }
        else
        {
            report.BarChart("Active records sharing an identifier, by column", shared);
        }

        report.Heading("Phone formats");
        var phones = result.Phones;
        report.BarChart("Stored phone numbers of the columns searched (active records), as the plug-in reads them",
        [
            ("E.164", phones.E164), ("written, with country code", phones.WrittenInternational), ("needs default country", phones.NeedsDefaultCountry),
            ("found only verbatim", phones.VerbatimOnly), ("never found", phones.Unreachable),
        ]);

        if (result.Cases is { } cases)
        {
            report.Heading("Cases");
            report.BarChart($"Active customers by their active cases ({cases.ActiveCases:N0} active cases): with one, linkSingleActiveCase links it",
                [("no active case", cases.CustomersWithNone), ("one active case", cases.CustomersWithOne), ("several", cases.CustomersWithSeveral)]);
        }

        report.Heading("Findings");
        var listed = result.Findings.GroupBy(f => f.Kind).SelectMany(g => g.Take(HtmlFindingsPerKind)).ToList();
        if (listed.Count < result.Findings.Count)
        {
            report.Paragraph(string.Format(c, "The first {0:N0} findings of each kind are listed; --json and --csv have all {1:N0}.", HtmlFindingsPerKind, result.Findings.Count), muted: true);
        }

        report.Filters("findings",
        [
            ("kind", "Kind", FindingKinds.All.Where(kind => result.Findings.Any(f => f.Kind == kind)).ToList()),
            ("table", "Table", result.Findings.Select(f => f.Table).Distinct().Order(StringComparer.Ordinal).ToList()),
        ]);
        report.Table("findings", ["kind", "table", "column", "value", "records", "what it means"], listed.Select(finding => new HtmlRow(
            [
                finding.Kind, finding.Table, finding.Column ?? "-", finding.Value is null ? "-" : Show(finding.Value, showValues),
                new HtmlCell(finding.RecordIds.Count.ToString(c), finding.RecordIds.Select(id => id.ToString("D"))
                    .Concat(finding.ActiveRecordIds.Select(id => id.ToString("D") + " (active)")).ToList()),
                finding.Suggestion is { } suggestion ? $"{finding.Detail} Suggested: {Show(suggestion, showValues)}." : finding.Detail,
            ],
            new Dictionary<string, string> { ["kind"] = finding.Kind, ["table"] = finding.Table })));
        return report;
    }

    private static string Tables(AuditResult result) => string.Join("; ", result.Tables.Select(t =>
        string.Format(CultureInfo.InvariantCulture, "{0} {1:N0} rows ({2:N0} active)", t.LogicalName, t.Rows, t.Active)));

    private static IEnumerable<Finding> TopShared(AuditResult result) =>
        result.Findings.Where(f => f.Kind == FindingKinds.SharedIdentifier).OrderByDescending(f => f.RecordIds.Count).ThenBy(f => f.Table, StringComparer.Ordinal).Take(TopShown);

    private static string Percent(EstimateRow row, int count) => string.Format(CultureInfo.InvariantCulture, "{0:N1} % ({1:N0})", row.Share(count), count);

    private static string Show(string? value, bool showValues) => value is null ? "-" : showValues ? value : Masking.Mask(value);

    /// <summary>Every text field quoted, as <c>identify phones</c> writes them.</summary>
    private static string Field(string? value) => string.IsNullOrEmpty(value) ? string.Empty : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
