using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Data;

/// <summary>
/// Writes rows in the formats <see cref="JsonTableReader"/> and <see cref="CsvTableReader"/> read, streaming,
/// one row per line, so generated files of a million rows never sit in memory.
/// </summary>
internal static class TableFileWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes a JSON array with one row per line; returns the number of rows.</summary>
    public static long WriteJson(string path, IEnumerable<Entity> rows)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return WriteJson(stream, rows);
    }

    /// <summary>Writes a JSON array with one row per line to a stream; returns the number of rows.</summary>
    public static long WriteJson(Stream stream, IEnumerable<Entity> rows)
    {
        long count = 0;
        using var json = new Utf8JsonWriter(stream, Options);
        stream.WriteByte((byte)'[');
        foreach (var row in rows)
        {
            stream.Write(count == 0 ? "\n"u8 : ",\n"u8);
            json.Reset(stream);
            json.WriteStartObject();
            foreach (var attribute in row.Attributes)
            {
                WriteJsonValue(json, attribute.Key, attribute.Value);
            }

            json.WriteEndObject();
            json.Flush();
            count++;
        }

        stream.Write("\n]\n"u8);
        return count;
    }

    /// <summary>Writes a CSV file with the given columns (every row's columns must be among them); returns the number of rows.</summary>
    public static long WriteCsv(string path, IReadOnlyList<string> columns, IEnumerable<Entity> rows)
    {
        using var writer = new StreamWriter(path, append: false, Utf8NoBom, 1 << 16) { NewLine = "\r\n" };
        return WriteCsv(writer, columns, rows);
    }

    /// <summary>Writes CSV text (RFC 4180, CRLF); returns the number of rows.</summary>
    public static long WriteCsv(TextWriter writer, IReadOnlyList<string> columns, IEnumerable<Entity> rows)
    {
        writer.WriteLine(string.Join(',', columns));
        long count = 0;
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            foreach (var column in row.Attributes.Keys)
            {
                if (!((IList<string>)columns).Contains(column))
                {
                    throw new ArgumentException($"Row {row.Id} of {row.LogicalName} has column '{column}', which is not in the CSV header.", nameof(rows));
                }
            }

            line.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                if (row.Attributes.TryGetValue(columns[i], out var value))
                {
                    line.Append(CsvText(value));
                }
            }

            writer.WriteLine(line.ToString());
            count++;
        }

        return count;
    }

    private static void WriteJsonValue(Utf8JsonWriter json, string column, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(column);
                break;
            case string text:
                json.WriteString(column, text);
                break;
            case Guid id:
                json.WriteString(column, id);
                break;
            case int number:
                json.WriteNumber(column, number);
                break;
            case long number:
                json.WriteNumber(column, number);
                break;
            case decimal number:
                json.WriteNumber(column, number);
                break;
            case double number:
                json.WriteNumber(column, number);
                break;
            case bool flag:
                json.WriteBoolean(column, flag);
                break;
            case OptionSetValue option:
                json.WriteNumber(column, option.Value);
                break;
            case EntityReference reference:
                json.WriteStartObject(column);
                json.WriteString("logicalName", reference.LogicalName);
                json.WriteString("id", reference.Id);
                json.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"Column '{column}' holds a {value.GetType().Name}, which the table files do not carry.");
        }
    }

    private static string CsvText(object? value) => value switch
    {
        null => string.Empty,
        // Text is always quoted, so a digits-only phone number is read back as text, not as a number.
        string text => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        Guid id => id.ToString(),
        int or long or decimal or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        bool flag => flag ? "true" : "false",
        OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
        EntityReference reference => reference.LogicalName + ":" + reference.Id,
        _ => throw new NotSupportedException($"A {value.GetType().Name} cannot be written to a table file."),
    };
}
