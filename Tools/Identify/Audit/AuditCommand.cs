using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Identification.Identify.Conversations;
using Identification.Identify.Data;
using Identification.Identify.Replay;
using Identification.LocalOrg;
using Identification.Plugins.Configuration;

namespace Identification.Identify.Audit;

/// <summary>What <c>identify audit</c> was asked to do.</summary>
internal sealed record AuditOptions(
    string DataDirectory, string? ConfigFile, string? ConversationsFile, string? JsonFile, string? HtmlFile, string? CsvFile, bool ShowValues,
    CollationMode Collation = CollationMode.AccentInsensitive);

/// <summary>
/// <c>identify audit</c>: reads the tables the configuration searches, reports what will stop identification (shared
/// identifiers, phone numbers found only verbatim, records without identifier, …) and estimates the identification rate.
/// </summary>
internal static class AuditCommand
{
    /// <summary>Runs the audit; returns the exit code (0 when audited, whatever it found).</summary>
    public static int Run(AuditOptions options, TextWriter output, TextWriter error, bool errorIsTerminal)
    {
        var configuration = ReplayCommand.ReadConfiguration(options.ConfigFile);
        var settings = IdentificationSettings.Parse(configuration);

        // Validate the conversations before the data is read, so a typo on their last line costs nothing.
        var conversations = options.ConversationsFile is null ? null : ConversationFile.Read(options.ConversationsFile).ToList();
        var files = DataDirectory.FindTables(options.DataDirectory);

        var auditor = new Auditor(settings, options.Collation);
        var loading = Stopwatch.StartNew();
        var tables = new Dictionary<string, AuditedTable>(StringComparer.Ordinal);
        foreach (var rule in auditor.Rules.Where(rule => rule.FetchXml is null))
        {
            if (files.FirstOrDefault(file => file.LogicalName == rule.Table) is not { } file || tables.ContainsKey(rule.Table))
            {
                continue;
            }

            var bar = errorIsTerminal ? new ProgressBar(error, $"Reading {Path.GetFileName(file.Path)}", 0) : null;
            tables[rule.Table] = AuditedTable.Load(file, rule.IdColumn, Auditor.ColumnsOf(rule), bar);
        }

        var result = auditor.Run(tables);
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Audited {tables.Values.Sum(t => (long)t.Count):N0} rows of {tables.Count} tables in {loading.Elapsed.TotalSeconds:N2} s: {result.Findings.Count:N0} findings."));

        // The rows read are not needed any more: the estimate's replays load the data into organizations of their own.
        tables.Clear();

        var estimate = conversations is null ? null : AuditEstimate.Run(files, conversations, configuration, options.Collation, error, errorIsTerminal);
        var run = new AuditRun(options.DataDirectory, options.ConfigFile, result, estimate);
        AuditReport.WriteSummary(output, run, options.ShowValues);
        if (options.JsonFile is { } json)
        {
            using var stream = File.Create(json);
            AuditReport.WriteJson(stream, run, options.ShowValues);
            error.WriteLine($"Wrote the findings as JSON to {json}.");
        }

        if (options.CsvFile is { } csv)
        {
            using var writer = new StreamWriter(csv, append: false, new UTF8Encoding(false)) { NewLine = "\r\n" };
            AuditReport.WriteCsv(writer, run, options.ShowValues);
            error.WriteLine($"Wrote the records to clean to {csv}.");
        }

        if (options.HtmlFile is { } html)
        {
            using var writer = new StreamWriter(html, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
            AuditReport.BuildHtml(run, options.ShowValues).WriteTo(writer);
            error.WriteLine($"Wrote the HTML report to {html}.");
        }

        return 0;
    }
}
