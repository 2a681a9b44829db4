using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace Identification.LocalOrg;

/// <summary>
/// The rows of one Dataverse table, with lazily built hash indexes per column.
/// Readers hold the organization's read lock and writers its write lock, so the dictionaries here are never
/// written while read. Index builds happen under the read lock, hence the thread-safe lazy per column.
/// </summary>
internal sealed class Table
{
    private readonly Dictionary<string, int> ordinals = new(StringComparer.Ordinal);
    private readonly List<string> columns = [];
    private readonly List<ValueClass> classes = [];
    private readonly Dictionary<Guid, Row> rows = [];
    private readonly ConcurrentDictionary<int, Lazy<ColumnIndex>> indexes = new();
    private long nextSequence;

    public Table(string logicalName, string primaryKey, Collation collation)
    {
        LogicalName = logicalName;
        PrimaryKey = primaryKey;
        Collation = collation;
        PrimaryKeyOrdinal = OrdinalFor(primaryKey);
        VersionNumberOrdinal = OrdinalFor(VersionNumber);
    }

    /// <summary>Dataverse's row version column: a number from one counter of the organization, set on every write.</summary>
    public const string VersionNumber = "versionnumber";

    public string LogicalName { get; }

    public string PrimaryKey { get; }

    /// <summary>How the table's strings compare (the organization's collation): its indexes fold keys by it.</summary>
    public Collation Collation { get; }

    public int PrimaryKeyOrdinal { get; }

    public int VersionNumberOrdinal { get; }

    public int Count => rows.Count;

    public IReadOnlyList<string> Columns => columns;

    public IEnumerable<Row> Rows => rows.Values;

    public int Ordinal(string column) => ordinals.TryGetValue(column, out var ordinal) ? ordinal : -1;

    /// <summary>The classes of value ever stored in a column (a superset: never narrowed on delete).</summary>
    public ValueClass ClassesOf(int ordinal) => ordinal >= 0 ? classes[ordinal] : ValueClass.None;

    public Row? Find(Guid id) => rows.TryGetValue(id, out var row) ? row : null;

    /// <summary>The row's version as Entity.RowVersion carries it: the versionnumber, as text.</summary>
    public string? RowVersionOf(Row row) =>
        row.Get(VersionNumberOrdinal) is long version ? version.ToString(CultureInfo.InvariantCulture) : null;

    public bool Contains(Guid id) => rows.ContainsKey(id);

    /// <summary>Write lock only: the ordinal of a column, added on first use.</summary>
    public int OrdinalFor(string column)
    {
        if (!ordinals.TryGetValue(column, out var ordinal))
        {
            ordinal = columns.Count;
            ordinals.Add(column, ordinal);
            columns.Add(column);
            classes.Add(ValueClass.None);
        }

        return ordinal;
    }

    public object?[] NewValues() => new object?[columns.Count];

    /// <summary>Write lock only.</summary>
    public Row Insert(Guid id, object?[] values, Transaction? transaction)
    {
        var row = new Row(id, Interlocked.Increment(ref nextSequence), values);
        Attach(row);
        transaction?.OnRollback(() => Detach(row));
        return row;
    }

    /// <summary>Write lock only: replaces the row's values, keeping built indexes in step.</summary>
    public void Replace(Row row, object?[] values, Transaction? transaction)
    {
        var before = row.Values;
        SetValues(row, values);
        transaction?.OnRollback(() => SetValues(row, before));
    }

    /// <summary>Write lock only.</summary>
    public void Delete(Row row, Transaction? transaction)
    {
        Detach(row);
        transaction?.OnRollback(() => Attach(row));
    }

    /// <summary>
    /// The index of a column, built on first use. Only for non-key columns; the primary key is looked up in the
    /// row dictionary itself.
    /// </summary>
    public ColumnIndex IndexOf(int ordinal, out bool built)
    {
        var created = false;
        var lazy = indexes.GetOrAdd(ordinal, o => new Lazy<ColumnIndex>(() =>
        {
            created = true;
            return Build(o);
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        var index = lazy.Value;
        built = created;
        return index;
    }

    private ColumnIndex Build(int ordinal)
    {
        var index = new ColumnIndex(Collation);
        foreach (var row in rows.Values)
        {
            if (row.Get(ordinal) is { } value)
            {
                index.Add(Values.KeyOf(value), row);
            }
        }

        return index;
    }

    private void Attach(Row row)
    {
        rows.Add(row.Id, row);
        for (var ordinal = 0; ordinal < row.Values.Length; ordinal++)
        {
            if (row.Values[ordinal] is { } value)
            {
                classes[ordinal] |= Values.ClassOf(value);
                BuiltIndex(ordinal)?.Add(Values.KeyOf(value), row);
            }
        }
    }

    private void Detach(Row row)
    {
        rows.Remove(row.Id);
        for (var ordinal = 0; ordinal < row.Values.Length; ordinal++)
        {
            if (row.Values[ordinal] is { } value)
            {
                BuiltIndex(ordinal)?.Remove(Values.KeyOf(value), row);
            }
        }
    }

    private void SetValues(Row row, object?[] values)
    {
        var before = row.Values;
        var width = Math.Max(before.Length, values.Length);
        for (var ordinal = 0; ordinal < width; ordinal++)
        {
            var old = ordinal < before.Length ? before[ordinal] : null;
            var now = ordinal < values.Length ? values[ordinal] : null;
            if (ReferenceEquals(old, now))
            {
                continue;
            }

            if (now is not null)
            {
                classes[ordinal] |= Values.ClassOf(now);
            }

            if (BuiltIndex(ordinal) is { } index)
            {
                if (old is not null)
                {
                    index.Remove(Values.KeyOf(old), row);
                }

                if (now is not null)
                {
                    index.Add(Values.KeyOf(now), row);
                }
            }
        }

        row.Values = values;
    }

    private ColumnIndex? BuiltIndex(int ordinal) =>
        indexes.TryGetValue(ordinal, out var lazy) && lazy.IsValueCreated ? lazy.Value : null;
}
