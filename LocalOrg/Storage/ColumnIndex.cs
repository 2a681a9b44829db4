using System.Collections.Generic;

namespace Identification.LocalOrg;

/// <summary>
/// A hash index of one column: value key -> rows holding it. Keys follow the table's collation, so a string key
/// matches regardless of case and trailing spaces (and accents, unless the collation is accent-sensitive). Most keys hold one row, stored without a set.
/// </summary>
internal sealed class ColumnIndex(Collation collation)
{
    private readonly Dictionary<object, object> entries = new(collation.Keys);

    public void Add(object key, Row row)
    {
        if (!entries.TryGetValue(key, out var existing))
        {
            entries.Add(key, row);
        }
        else if (existing is HashSet<Row> set)
        {
            set.Add(row);
        }
        else if (!ReferenceEquals(existing, row))
        {
            entries[key] = new HashSet<Row>(ReferenceEqualityComparer.Instance) { (Row)existing, row };
        }
    }

    public void Remove(object key, Row row)
    {
        if (!entries.TryGetValue(key, out var existing))
        {
            return;
        }

        if (existing is HashSet<Row> set)
        {
            set.Remove(row);
            if (set.Count == 1)
            {
                foreach (var last in set)
                {
                    entries[key] = last;
                }
            }
        }
        else if (ReferenceEquals(existing, row))
        {
            entries.Remove(key);
        }
    }

    public int CountOf(object key) =>
        !entries.TryGetValue(key, out var existing) ? 0 : existing is HashSet<Row> set ? set.Count : 1;

    public void CollectInto(object key, ICollection<Row> into)
    {
        if (!entries.TryGetValue(key, out var existing))
        {
            return;
        }

        if (existing is HashSet<Row> set)
        {
            foreach (var row in set)
            {
                into.Add(row);
            }
        }
        else
        {
            into.Add((Row)existing);
        }
    }
}
