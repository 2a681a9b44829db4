using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Identification.Identify.Data;
using Identification.Plugins;
using Identification.Plugins.Hygiene;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Phones;

/// <summary>What <c>identify phones</c> was asked to do.</summary>
internal sealed record PhonesOptions(string DataDirectory, string? DefaultCountry, IReadOnlyList<string> Columns, string? OutFile, string? RequestsFile);

/// <summary>One stored number to rewrite: the record, the column, what it holds and its E.164 form.</summary>
internal sealed record PhoneFix(string Table, Guid Id, string Column, string OldValue, string NewValue);

/// <summary>
/// <c>identify phones</c>: reads the exported contacts and accounts of a data directory (the formats <c>replay</c> reads),
/// sorts every stored number of the phone columns with libphonenumber, writes the fixes (CSV, and Web API PATCH requests
/// in JSON) and prints the summary on stderr. Nothing is written until every input file has been read.
/// </summary>
internal static partial class PhonesCommand
{
    /// <summary>The tables the command reads, in the order it reports them.</summary>
    private static readonly (string Table, string PrimaryKey, string EntitySet)[] Tables =
    [
        (Schema.Contact.Table, Schema.Contact.Id, "contacts"),
        (Schema.Account.Table, Schema.Account.Id, "accounts"),
    ];

    public static int Run(PhonesOptions options, TextWriter output, TextWriter error)
    {
        DefaultCountry? country = null;
        if (options.DefaultCountry is not null)
        {
            country = DefaultCountry.Parse(options.DefaultCountry, out var problem) ?? throw new InputFileException(problem!);
        }

        var columns = ReadColumns(options.Columns);
        var files = DataDirectory.FindTables(options.DataDirectory);
        if (!files.Any(f => Tables.Any(t => t.Table == f.LogicalName)))
        {
            throw new InputFileException($"--data {options.DataDirectory}: no contact or account table in it (contact.json, contact.csv, account.json or account.csv)");
        }

        var summary = new PhonesSummary(options.DataDirectory, country, columns);
        var fixes = new List<PhoneFix>();
        foreach (var (table, primaryKey, _) in Tables)
        {
            var file = files.FirstOrDefault(f => f.LogicalName == table);
            if (file is null)
            {
                summary.Missing(table);
            }
            else if (columns[table].Count > 0)
            {
                Check(file, primaryKey, columns[table], country, summary, fixes);
            }
        }

        WriteCsv(options.OutFile, output, fixes);
        var requests = options.RequestsFile is null ? (int?)null : WriteRequests(options.RequestsFile, fixes);
        summary.Print(error, options.OutFile, options.RequestsFile, requests);
        return 0;
    }

    private static void Check(TableFile file, string primaryKey, IReadOnlyList<string> columns, DefaultCountry? country, PhonesSummary summary, List<PhoneFix> fixes)
    {
        var fileName = Path.GetFileName(file.Path);
        var seen = new Dictionary<Guid, long>();
        foreach (var row in file.ReadRows(primaryKey))
        {
            summary.Row(file.LogicalName);
            var values = columns.Select(column => (Column: column, Value: StoredText(row.Entity, column))).Where(v => v.Value is not null).ToList();
            if (values.Count == 0)
            {
                continue;
            }

            if (!row.Entity.Attributes.ContainsKey(primaryKey))
            {
                throw new InputFileException(fileName, row.Line, $"the row has no {primaryKey}; export the primary key, which the fixes name each record by");
            }

            if (!seen.TryAdd(row.Entity.Id, row.Line))
            {
                throw new InputFileException(fileName, row.Line, $"{primaryKey} {row.Entity.Id} is the key of the row on line {seen[row.Entity.Id]} too; each record once");
            }

            foreach (var (column, value) in values)
            {
                var verdict = value!.Text is { } text ? PhoneClassifier.Classify(text, country) : new PhoneVerdict(PhoneCategory.Invalid, null, value.Problem);
                summary.Add(verdict, $"{fileName} line {row.Line.ToString(CultureInfo.InvariantCulture)}, {primaryKey} {row.Entity.Id}, {column}"
                    + (value.Text is null ? string.Empty : " " + Quote(value.Text)));
                if (verdict.Category == PhoneCategory.Fixable)
                {
                    fixes.Add(new PhoneFix(file.LogicalName, row.Entity.Id, column, value.Text!, verdict.E164!));
                }
            }
        }
    }

    /// <summary>A stored value as text, or why it is not a number (a lookup, a flag); null when the column is empty.</summary>
    private static StoredValue? StoredText(Entity row, string column) => row.Attributes.TryGetValue(column, out var value) ? value switch
    {
        null => null,
        string text when string.IsNullOrWhiteSpace(text) => null,
        string text => new StoredValue(text, null),
        // A CSV export writes a digits-only number unquoted, which the reader types as a number: its digits are the number.
        int or long or decimal => new StoredValue(Convert.ToString(value, CultureInfo.InvariantCulture)!, null),
        _ => new StoredValue(null, $"not text but a {value.GetType().Name}"),
    } : null;

    /// <summary>--columns TABLE=COLUMN,COLUMN (repeatable): a table given replaces its defaults, "TABLE=" skips it.</summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadColumns(IReadOnlyList<string> options)
    {
        var columns = Tables.ToDictionary(t => t.Table, t => PhoneHygieneSettings.DefaultColumns[t.Table], StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var table = equals < 0 ? option : option[..equals];
            if (equals < 0 || !columns.ContainsKey(table))
            {
                throw new InputFileException($"--columns {option}: write TABLE=COLUMN,COLUMN with contact or account as the table, e.g. --columns contact=mobilephone,telephone1 (TABLE= checks none of its columns)");
            }

            if (!given.Add(table))
            {
                throw new InputFileException($"--columns {option}: {table} is given twice; list all its columns in one --columns {table}=…");
            }

            var list = option[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var bad = list.FirstOrDefault(c => !LogicalName().IsMatch(c));
            if (bad is not null)
            {
                throw new InputFileException($"--columns {option}: \"{bad}\" is not a column's logical name (lowercase letters, digits, underscores)");
            }

            columns[table] = list.Distinct(StringComparer.Ordinal).ToList();
        }

        return columns;
    }

    /// <summary>One line per fix: id, table, column, old_value, new_value; RFC 4180, CRLF, text quoted as the table files quote it.</summary>
    private static void WriteCsv(string? path, TextWriter output, IReadOnlyList<PhoneFix> fixes)
    {
        var text = new StringBuilder("id,table,column,old_value,new_value\r\n");
        foreach (var fix in fixes)
        {
            text.Append(fix.Id.ToString("D")).Append(',').Append(fix.Table).Append(',').Append(fix.Column).Append(',')
                .Append(CsvQuote(fix.OldValue)).Append(',').Append(CsvQuote(fix.NewValue)).Append("\r\n");
        }

        if (path is null)
        {
            output.Write(text.ToString());
            output.Flush();
        }
        else
        {
            File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    /// <summary>The fixes as Web API requests, one PATCH per record with all its fixed columns; returns how many.</summary>
    private static int WriteRequests(string path, IReadOnlyList<PhoneFix> fixes)
    {
        var records = fixes.GroupBy(f => (f.Table, f.Id)).ToList();
        using var file = File.Create(path);
        using var json = new System.Text.Json.Utf8JsonWriter(file, new System.Text.Json.JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartArray();
        foreach (var record in records)
        {
            json.WriteStartObject();
            json.WriteString("method", "PATCH");
            json.WriteString("url", $"{Tables.Single(t => t.Table == record.Key.Table).EntitySet}({record.Key.Id:D})");
            // Without it a PATCH to a record deleted since the export would create it again (an upsert).
            json.WriteStartObject("headers");
            json.WriteString("If-Match", "*");
            json.WriteEndObject();
            json.WriteStartObject("body");
            foreach (var fix in record)
            {
                json.WriteString(fix.Column, fix.NewValue);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.Flush();
        file.WriteByte((byte)'\n');
        return records.Count;
    }

    private static string CsvQuote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A stored value as the summary shows it: quoted, control characters escaped, cut at 60 characters.</summary>
    private static string Quote(string text)
    {
        var shown = new StringBuilder("\"");
        foreach (var c in text.Length > 60 ? text[..60] : text)
        {
            shown.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return shown.Append(text.Length > 60 ? "…\"" : "\"").ToString();
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex LogicalName();

    private sealed record StoredValue(string? Text, string? Problem);
}
