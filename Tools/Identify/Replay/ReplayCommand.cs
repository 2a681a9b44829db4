using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Identification.Identify.Cli;
using Identification.Identify.Conversations;
using Identification.Identify.Data;
using Identification.LocalOrg;
using Identification.Plugins.Configuration;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Replay;

/// <summary>What <c>identify replay</c> was asked to do.</summary>
internal sealed record ReplayOptions(string DataDirectory, string ConversationsFile, string? ConfigFile, ReplayOutput Output, bool AllOrders = false,
    CollationMode Collation = CollationMode.AccentInsensitive);

/// <summary>
/// Where the results go. JSON lines to <paramref name="OutFile"/>, or to stdout when it is redirected or with
/// <paramref name="Json"/>; the readable table on stdout when it is a <paramref name="Terminal"/> and JSON was not asked
/// for there; the HTML report to <paramref name="HtmlFile"/>, personal data masked unless <paramref name="ShowValues"/>.
/// </summary>
internal sealed record ReplayOutput(string? OutFile, bool Json, string? HtmlFile, bool ShowValues, TerminalOutput? Terminal)
{
    /// <summary>Whether stdout gets the table.</summary>
    public bool Table => Terminal is not null && !Json;

    /// <summary>Whether the replay keeps a <see cref="ReplayRow"/> per conversation (for the table or the report).</summary>
    public bool KeepsRows => Table || HtmlFile is not null;
}

/// <summary>
/// <c>identify replay</c>: validate the configuration and the conversations file, seed the organization from the
/// data directory, replay each conversation, write one JSON line each, print the summary on stderr.
/// </summary>
internal static class ReplayCommand
{
    /// <summary>Runs a replay; returns the process exit code (0 when every conversation was replayed).</summary>
    public static int Run(ReplayOptions options, TextWriter output, TextWriter error, bool errorIsTerminal)
    {
        var configuration = ReadConfiguration(options.ConfigFile);

        // Validate the whole conversations file before loading data, so a typo on the last line costs nothing.
        var conversations = ConversationFile.Read(options.ConversationsFile).ToList();
        var tables = DataDirectory.FindTables(options.DataDirectory);

        var session = new ReplaySession(configuration, options.Collation);
        var loading = Stopwatch.StartNew();
        var loaded = new List<string>();
        long totalRows = 0;
        for (var i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            var label = string.Create(CultureInfo.InvariantCulture, $"Loading {Path.GetFileName(table.Path)} (table {i + 1} of {tables.Count})");
            var rows = Seed(session, table, errorIsTerminal ? new ProgressBar(error, label, 0) : null);
            totalRows += rows;
            loaded.Add(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} {table.LogicalName}"));
        }

        var loadSeconds = loading.Elapsed.TotalSeconds;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {(loaded.Count == 0 ? "no tables" : string.Join(", ", loaded))} rows from {options.DataDirectory} in {loadSeconds:N2} s ({(loadSeconds > 0 ? totalRows / loadSeconds : 0):N0} rows/s)."));

        var summary = new ReplaySummary();
        var readable = new List<ReplayRow>();
        var outputs = options.Output;
        var replaying = Stopwatch.StartNew();
        using (var file = outputs.OutFile is null ? null : new StreamWriter(outputs.OutFile, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            var results = file ?? (outputs.Table ? null : output);
            var bar = errorIsTerminal ? new ProgressBar(error, "Replaying", conversations.Count) : null;
            foreach (var conversation in conversations)
            {
                var result = session.Replay(conversation);
                if (options.AllOrders)
                {
                    result = result with { Orders = OrderCheck.Run(session, conversation, result) };
                }

                if (results is not null)
                {
                    ResultWriter.Write(results, result);
                }

                if (outputs.KeepsRows)
                {
                    readable.Add(ReplayRow.Of(result, session.Organization));
                }

                summary.Add(result);
                bar?.Report(summary.Conversations);
            }

            bar?.Finish();
            results?.Flush();
        }

        summary.Print(error, replaying.Elapsed);
        if (outputs.Table && outputs.Terminal is { } terminal)
        {
            ReplayTable.Write(ReplayTable.Console(output, terminal.Width, terminal.Colour), readable);
        }

        if (outputs.HtmlFile is { } html)
        {
            ReplayHtml.Write(html, readable, outputs.ShowValues);
            error.WriteLine($"Wrote the HTML report to {html}.");
        }

        return 0;
    }

    internal static long Seed(ReplaySession session, TableFile table, ProgressBar? bar)
    {
        TableRow? current = null;
        try
        {
            return session.Seed(table.LogicalName, ProgressBar.Counting(table.ReadRows(session.Organization.PrimaryKeyOf(table.LogicalName)), bar).Select(row =>
            {
                current = row;
                return row.Entity;
            }));
        }
        catch (Exception ex) when (ex is not InputFileException && current is not null)
        {
            // The organization refused the row just read (a duplicate id, a value it cannot hold): name it.
            throw new InputFileException(Path.GetFileName(table.Path), current.Value.Line, ex.Message, ex);
        }
    }

    internal static string? ReadConfiguration(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InputFileException($"--config {path}: no such file");
        }

        // At most three UTF-8 bytes per character (after a byte order mark), so a longer file cannot be within the
        // plug-in's cap: refused before it is read into memory.
        var length = new FileInfo(path).Length;
        if (length > 3L * IdentificationSettings.MaximumConfigurationLength + 3)
        {
            throw new InputFileException(string.Format(CultureInfo.InvariantCulture,
                "--config {0}: the file is {1:N0} bytes; the plug-in refuses a configuration longer than {2:N0} characters (real ones are a few hundred)",
                path, length, IdentificationSettings.MaximumConfigurationLength));
        }

        var bytes = File.ReadAllBytes(path);
        var bom = Utf8Input.ByteOrderMarkLength(bytes.AsSpan(0, Math.Min(4, bytes.Length)), "--config " + path);
        var content = bytes.AsSpan(bom);
        if (Utf8Input.FirstInvalidUtf8(content) is var invalid and >= 0)
        {
            throw new InputFileException($"--config {path}: {Utf8Input.InvalidUtf8(content, invalid)}");
        }

        var text = Encoding.UTF8.GetString(content);
        try
        {
            IdentificationSettings.Parse(text);
        }
        catch (ConfigurationException ex)
        {
            // The plug-in would skip identification and say so in every outcome; refuse up front instead.
            throw new InputFileException($"--config {path}: {ex.Message}", ex);
        }

        return text;
    }
}
