using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Data;

/// <summary>
/// Streams the rows of a <c>&lt;logicalname&gt;.csv</c> file: a header row of logical names, then one row per
/// record. Lookups are written <c>logicalname:guid</c>; unquoted numbers and true/false are typed, quoted text
/// stays text (quote a digits-only phone or account number); an empty field is an empty column.
/// </summary>
internal static partial class CsvTableReader
{
    /// <summary>Reads the rows of <paramref name="path"/> lazily; <paramref name="primaryKey"/> becomes each row's Id.</summary>
    public static IEnumerable<TableRow> Read(string path, string logicalName, string primaryKey)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        foreach (var row in Read(stream, Path.GetFileName(path), logicalName, primaryKey))
        {
            yield return row;
        }
    }

    /// <summary>Reads rows from UTF-8 bytes; <paramref name="fileName"/> is only used in error messages.</summary>
    public static IEnumerable<TableRow> Read(Stream stream, string fileName, string logicalName, string primaryKey)
    {
        var records = new CsvRecordReader(new Utf8TextReader(stream, fileName), fileName);
        var fields = new List<CsvField>();
        if (!records.TryRead(fields))
        {
            throw new InputFileException(fileName, 1, "the file is empty; the first row must name the columns");
        }

        var header = ReadHeader(fields, fileName, records.RecordLine);
        while (records.TryRead(fields))
        {
            var line = records.RecordLine;
            if (fields.Count != header.Length)
            {
                throw new InputFileException(fileName, line, $"{fields.Count} fields, but the header names {header.Length} columns");
            }

            var entity = new Entity(logicalName);
            for (var i = 0; i < header.Length; i++)
            {
                var value = Convert(fields[i], header[i], primaryKey, fileName, line);
                if (value is null)
                {
                    continue;
                }

                if (header[i] == primaryKey)
                {
                    entity.Id = (Guid)value;
                }

                entity[header[i]] = value;
            }

            yield return new TableRow(entity, line);
        }
    }

    private static string[] ReadHeader(List<CsvField> fields, string fileName, long line)
    {
        var header = new string[fields.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Text.Trim();
            if (!TableRules.IsLogicalName(name))
            {
                throw new InputFileException(fileName, line, $"header '{name}' is not a column logical name (lower-case letters, digits, underscores)");
            }

            if (!seen.Add(name))
            {
                throw new InputFileException(fileName, line, $"header names column '{name}' twice");
            }

            header[i] = name;
        }

        return header;
    }

    private static object? Convert(CsvField field, string column, string primaryKey, string fileName, long line)
    {
        var text = field.Text;
        if (text.Length == 0)
        {
            return null;
        }

        if (column == primaryKey)
        {
            return Guid.TryParse(text, out var id) && id != Guid.Empty
                ? id
                : throw new InputFileException(fileName, line, $"primary key '{column}' must be a GUID, found \"{text}\"");
        }

        if (TableRules.IsOptionSet(column))
        {
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var option)
                ? new OptionSetValue(option)
                : throw new InputFileException(fileName, line, $"'{column}' must be an integer option value, found \"{text}\"");
        }

        if (TryParseLookup(text, out var reference))
        {
            return reference;
        }

        if (field.Quoted)
        {
            return text;
        }

        if (text is "true" or "false") return text == "true";
        if (!PlainNumber().IsMatch(text)) return text;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return whole;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big)) return big;
        return decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    // Only numbers as a program writes them: no '+', no leading zeros, no thousands separators. "+1425…" and
    // "00 44…" stay text, so phone numbers survive unquoted.
    [GeneratedRegex(@"^-?(0|[1-9][0-9]{0,17})(\.[0-9]{1,10})?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    /// <summary>A lookup is written <c>logicalname:guid</c>, e.g. <c>account:2f1c…</c>.</summary>
    public static bool TryParseLookup(string text, out EntityReference reference)
    {
        reference = null!;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var logicalName = text[..colon];
        if (!TableRules.IsLogicalName(logicalName) || !Guid.TryParse(text.AsSpan(colon + 1), out var id))
        {
            return false;
        }

        reference = new EntityReference(logicalName, id);
        return true;
    }
}
