using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Data;

/// <summary>A row read from a table file, with the line it starts on (for errors the organization raises later).</summary>
internal readonly record struct TableRow(Entity Entity, long Line);

/// <summary>One exported table: <c>&lt;logicalname&gt;.json</c> or <c>&lt;logicalname&gt;.csv</c>.</summary>
internal sealed record TableFile(string LogicalName, string Path)
{
    /// <summary>Streams the file's rows, <paramref name="primaryKey"/> giving each its Id; errors name the file and line.</summary>
    public IEnumerable<TableRow> ReadRows(string primaryKey) =>
        System.IO.Path.GetExtension(Path) == ".csv"
            ? CsvTableReader.Read(Path, LogicalName, primaryKey)
            : JsonTableReader.Read(Path, LogicalName, primaryKey);
}

/// <summary>Finds the table files of a <c>--data</c> directory. Files that are neither .json nor .csv are not tables.</summary>
internal static class DataDirectory
{
    /// <summary>The table files of <paramref name="directory"/>, in name order.</summary>
    public static IReadOnlyList<TableFile> FindTables(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InputFileException($"--data {directory}: no such directory");
        }

        var tables = new List<TableFile>();
        var files = Directory.EnumerateFiles(directory)
            .Where(f => Path.GetExtension(f) is ".json" or ".csv")
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!TableRules.IsLogicalName(name))
            {
                throw new InputFileException(
                    $"{Path.GetFileName(file)}: a table file is named <logicalname>.json or <logicalname>.csv, lower case (e.g. contact.json)");
            }

            if (tables.Any(t => t.LogicalName == name))
            {
                throw new InputFileException($"{name}.json and {name}.csv both exist in {directory}; keep one file per table");
            }

            tables.Add(new TableFile(name, file));
        }

        return tables;
    }
}
