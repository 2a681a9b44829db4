using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>
/// Aggregate FetchXML: the rows that pass the joins and filters are grouped by the groupby columns (or a part of a
/// date) and each group becomes one row of AliasedValues under the query's aliases, as Dataverse returns them.
/// </summary>
internal sealed partial class QueryEngine
{
    /// <summary>Dataverse refuses an aggregate query over more rows than this.</summary>
    public const int MaxAggregateRows = 50_000;

    private EntityCollection Aggregate(List<Row?[]> tuples)
    {
        var limit = Math.Min(spec.AggregateLimit ?? MaxAggregateRows, MaxAggregateRows);
        if (tuples.Count > limit)
        {
            throw Faults.AggregateLimitExceeded(tuples.Count, limit);
        }

        var picks = new List<(int Slot, int Ordinal, ColumnPick Pick)>();
        for (var i = 0; i < slots.Count; i++)
        {
            foreach (var pick in slots[i].Columns.Picks)
            {
                picks.Add((i, slots[i].Table?.Ordinal(pick.Attribute) ?? -1, pick));
            }
        }

        if (picks.Count == 0)
        {
            throw Faults.Invalid("An aggregate query needs at least one <attribute> with aggregate=\"…\" or groupby=\"true\".");
        }

        var groups = new Dictionary<GroupKey, List<Row?[]>>();
        var order = new List<GroupKey>();
        foreach (var tuple in tuples)
        {
            var key = new GroupKey(picks.Where(p => p.Pick.GroupBy).Select(p => GroupValue(tuple, p.Slot, p.Ordinal, p.Pick)).ToArray(), collation);
            if (!groups.TryGetValue(key, out var members))
            {
                groups.Add(key, members = []);
                order.Add(key);
            }

            members.Add(tuple);
        }

        // Without groupby there is always one row, even over no rows (count 0).
        if (order.Count == 0 && !picks.Any(p => p.Pick.GroupBy))
        {
            var none = new GroupKey([], collation);
            groups.Add(none, []);
            order.Add(none);
        }

        var rows = order.Select(key => AggregateRow(picks, key, groups[key], tuples)).ToList();
        foreach (var orderBy in Enumerable.Reverse(spec.Orders))
        {
            if (!picks.Any(p => p.Pick.Alias == orderBy.Alias))
            {
                throw Faults.Invalid($"<order alias=\"{orderBy.Alias}\"> names no alias of the query ({string.Join(", ", picks.Select(p => p.Pick.Alias))}).");
            }

            rows = [.. orderBy.Descending
                ? rows.OrderByDescending(r => SortKey((r.GetAttributeValue<AliasedValue>(orderBy.Alias!))?.Value), new NullsFirst(collation))
                : rows.OrderBy(r => SortKey((r.GetAttributeValue<AliasedValue>(orderBy.Alias!))?.Value), new NullsFirst(collation))];
        }

        var pageSize = Math.Min(spec.Top ?? spec.PageSize ?? MaxPageSize, MaxPageSize);
        var skip = spec.Top is null ? (Math.Max(spec.PageNumber, 1) - 1) * pageSize : 0;
        var page = rows.Skip(skip).Take(pageSize).ToList();
        return new EntityCollection(page)
        {
            EntityName = spec.EntityName,
            MoreRecords = spec.Top is null && rows.Count > skip + pageSize,
        };
    }

    private Entity AggregateRow(List<(int Slot, int Ordinal, ColumnPick Pick)> picks, GroupKey key, List<Row?[]> members, List<Row?[]> all)
    {
        var row = new Entity(spec.EntityName);
        var group = 0;
        foreach (var (slot, ordinal, pick) in picks)
        {
            var value = pick.GroupBy ? key.Parts[group++] : Compute(pick, members.Select(t => t[slot]?.Get(ordinal)).ToList(), () => all.Select(t => t[slot]?.Get(ordinal)).FirstOrDefault(v => v is not null));
            if (value is not null)
            {
                row[pick.Alias!] = new AliasedValue(slots[slot].EntityName, pick.Attribute, Copies.Value(value));
            }
        }

        return row;
    }

    /// <summary>The value a row contributes to its group: the column's value, or the part of a date the query groups by.</summary>
    private object? GroupValue(Row?[] tuple, int slot, int ordinal, ColumnPick pick)
    {
        var value = tuple[slot]?.Get(ordinal);
        if (pick.DateGrouping is null || value is null)
        {
            return value;
        }

        if (value is not DateTime time)
        {
            throw Faults.Invalid($"dategrouping=\"{pick.DateGrouping}\" on '{pick.Attribute}' applies to date and time columns; this column holds {value.GetType().Name} values.");
        }

        var utc = Values.ToUtc(time);
        var local = pick.UserTimeZone ? TimeZoneInfo.ConvertTimeFromUtc(utc, clock().TimeZone) : utc;
        return pick.DateGrouping switch
        {
            "day" => local.Day,
            "week" => WeekOfYear(local),
            "month" => local.Month,
            "quarter" => ((local.Month - 1) / 3) + 1,
            _ => local.Year,
        };
    }

    // SQL Server's DATEPART(week): week 1 holds 1 January, weeks start on Sunday.
    private static int WeekOfYear(DateTime date)
    {
        var firstDay = (int)new DateTime(date.Year, 1, 1).DayOfWeek;
        return ((date.DayOfYear - 1 + firstDay) / 7) + 1;
    }

    /// <summary>
    /// One aggregate over a group's values. Nulls are left out (count counts rows); a sum of no values is 0 as the
    /// documentation's example shows, an average, minimum or maximum of none is null (no column).
    /// </summary>
    private object? Compute(ColumnPick pick, List<object?> values, Func<object?> sampleOfColumn)
    {
        var present = values.Where(v => v is not null).Select(v => v!).ToList();
        switch (pick.Aggregate)
        {
            case "count":
                return values.Count;
            case "countcolumn":
                return pick.Distinct ? present.Select(Values.KeyOf).Distinct(collation.Keys).Count() : present.Count;
            case "min" or "max":
                if (present.Count == 0)
                {
                    return null;
                }

                var sorted = present.OrderBy(Values.KeyOf, Comparer<object>.Create((a, b) => Values.CompareKeys(a, b, collation)));
                return pick.Aggregate == "min" ? sorted.First() : sorted.Last();
        }

        var sample = present.FirstOrDefault() ?? sampleOfColumn();
        if (sample is not null && Values.ClassOf(sample) != ValueClass.Number || sample is OptionSetValue)
        {
            throw Faults.Invalid($"aggregate=\"{pick.Aggregate}\" on '{pick.Attribute}' applies to number and currency columns; this column holds {sample!.GetType().Name} values.");
        }

        if (pick.Aggregate == "avg" && present.Count == 0)
        {
            return null;
        }

        var sum = present.Sum(v => v is double d ? (decimal)d : v is float f ? (decimal)f : (decimal)Values.KeyOf(v));
        var result = pick.Aggregate == "avg" ? sum / present.Count : sum;

        // The result has the column's type; an average of whole numbers is a whole number, as SQL's AVG gives it.
        return sample switch
        {
            Money => new Money(result),
            int => (int)Math.Truncate(result),
            long => (long)Math.Truncate(result),
            double => (double)result,
            float => (float)result,
            null => 0,
            _ => result,
        };
    }

    private sealed class GroupKey(object?[] parts, Collation collation) : IEquatable<GroupKey>
    {
        public object?[] Parts { get; } = parts;

        public bool Equals(GroupKey? other) =>
            other is not null
            && Parts.Length == other.Parts.Length
            && Parts.Zip(other.Parts).All(p => p.First is null ? p.Second is null : p.Second is not null && Values.KeysEqual(Values.KeyOf(p.First), Values.KeyOf(p.Second), collation));

        public override bool Equals(object? obj) => Equals(obj as GroupKey);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var part in Parts)
            {
                hash.Add(part is null ? 0 : collation.Keys.GetHashCode(Values.KeyOf(part)));
            }

            return hash.ToHashCode();
        }
    }

    /// <summary>Orders sort keys as SQL Server does: nulls first.</summary>
    private sealed class NullsFirst(Collation collation) : IComparer<object?>
    {
        public int Compare(object? x, object? y) =>
            x is null ? (y is null ? 0 : -1) : y is null ? 1 : Values.CompareKeys(x, y, collation);
    }
}
