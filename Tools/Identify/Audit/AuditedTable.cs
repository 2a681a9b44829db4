using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Identification.Identify.Data;
using Identification.Identify.Replay;
using Identification.Plugins;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Audit;

/// <summary>
/// The rows of one exported table, reduced to what the audit reads: the id, whether the row is active, the values of the
/// columns it compares, and which columns have a value in some row. Memory is proportional to the rows and those values.
/// </summary>
internal sealed class AuditedTable
{
    private readonly Dictionary<string, List<object?>> _columns;
    private readonly HashSet<string> _withValues = new(StringComparer.Ordinal);

    private AuditedTable(string logicalName, string file, IEnumerable<string> columns)
    {
        LogicalName = logicalName;
        File = file;
        _columns = columns.Distinct(StringComparer.Ordinal).ToDictionary(c => c, _ => new List<object?>(), StringComparer.Ordinal);
    }

    public string LogicalName { get; }

    /// <summary>The file name, for messages.</summary>
    public string File { get; }

    public List<Guid> Ids { get; } = new();

    /// <summary>Whether each row is active (statecode 0, or no statecode: Create gives 0).</summary>
    public List<bool> Active { get; } = new();

    public int Count => Ids.Count;

    public int ActiveCount { get; private set; }

    /// <summary>The value of <paramref name="column"/> in row <paramref name="row"/>: a string, another type the export gave, or null.</summary>
    public object? Value(string column, int row) => _columns[column][row];

    /// <summary>Whether any row has a value in <paramref name="column"/> (any column of the file, kept or not).</summary>
    public bool HasAnyValue(string column) => _withValues.Contains(column);

    /// <summary>Reads <paramref name="table"/>, keeping <paramref name="columns"/>; errors name the file and line.</summary>
    public static AuditedTable Load(TableFile table, string primaryKey, IEnumerable<string> columns, ProgressBar? bar) =>
        From(table.LogicalName, Path.GetFileName(table.Path), ProgressBar.Counting(table.ReadRows(primaryKey), bar).Select(row => row.Entity), columns);

    /// <summary>The table of <paramref name="rows"/> (from a file, or built by a test), keeping <paramref name="columns"/>.</summary>
    public static AuditedTable From(string logicalName, string file, IEnumerable<Entity> rows, IEnumerable<string> columns)
    {
        var audited = new AuditedTable(logicalName, file, columns);
        foreach (var row in rows)
        {
            audited.Add(row);
        }

        return audited;
    }

    private static bool IsValue(object? value) => value is not null and not string { Length: 0 };

    private void Add(Entity row)
    {
        Ids.Add(row.Id);
        var active = row.GetAttributeValue<OptionSetValue>(Schema.StateCode) is not { } state || state.Value == Schema.StateActive;
        Active.Add(active);
        ActiveCount += active ? 1 : 0;
        foreach (var (column, value) in row.Attributes)
        {
            if (IsValue(value))
            {
                _withValues.Add(column);
            }
        }

        foreach (var (column, values) in _columns)
        {
            values.Add(row.Attributes.TryGetValue(column, out var value) && IsValue(value) ? value : null);
        }
    }
}
