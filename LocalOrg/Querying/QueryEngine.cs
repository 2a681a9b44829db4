using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.LocalOrg;

/// <summary>
/// What the engine asks of the organization: its tables, each table's primary name column (lookups sort by it), the
/// clock and calendar of date conditions, a choice column's labels (choices sort by them), and a value's formatted text.
/// </summary>
internal sealed record QueryServices(
    Func<string, Table?> Tables,
    Func<string, string> PrimaryNameOf,
    Func<QueryClock> Clock,
    Func<string, string, IReadOnlyDictionary<int, string>?> LabelsOf,
    Func<string, string, object, string?> Formatted,
    Collation Collation);

/// <summary>What a query returned and what it cost.</summary>
internal sealed record QueryOutcome(EntityCollection Result, int RowsExamined, bool IndexUsed, QueryPlan Plan);

/// <summary>
/// Runs a <see cref="QuerySpec"/> over the tables: candidate rows come from hash indexes when the root filter has
/// an equality/In condition (or an Or of them), otherwise from a scan; then joins, the rest of the filter, order,
/// distinct and paging. Called under the organization's read lock.
/// </summary>
internal sealed partial class QueryEngine
{
    /// <summary>Dataverse returns at most 5000 rows per page.</summary>
    public const int MaxPageSize = 5000;

    /// <summary>Dataverse refuses a query with more link-entities than this (each is a JOIN).</summary>
    public const int MaxLinkEntities = 15;

    /// <summary>Dataverse refuses a query with more conditions and link-entities than this, together.</summary>
    public const int MaxConditions = 500;

    private readonly QuerySpec spec;
    private readonly Func<string, Table?> tables;
    private readonly Func<string, string> primaryNameOf;
    private readonly Func<QueryClock> clock;
    private readonly Func<string, string, IReadOnlyDictionary<int, string>?> labelsOf;
    private readonly Func<string, string, object, string?> formatted;
    private readonly Collation collation;
    private readonly List<Slot> slots = [];
    private readonly CompiledFilter? beforeJoins;
    private readonly CompiledFilter? afterJoins;
    private readonly List<(int Slot, int Ordinal, bool Descending, IReadOnlyDictionary<int, string>? Labels)> orders = [];
    private int rowsExamined;
    private bool indexUsed;
    private Dictionary<Guid, string?>? lookupNames;
    private int relatedFilters;
    private int conditions;
    private QueryPlan plan = new(AccessPath.Scan, [], null, false);

    private QueryEngine(QuerySpec spec, QueryServices services)
    {
        this.spec = spec;
        tables = services.Tables;
        primaryNameOf = services.PrimaryNameOf;
        clock = services.Clock;
        labelsOf = services.LabelsOf;
        formatted = services.Formatted;
        collation = services.Collation;
        slots.Add(new Slot(spec.EntityName, spec.EntityName, tables(spec.EntityName), null, -1, spec.Columns));
        AddLinks(spec.Links, 0, services.Tables);
        var root = spec.Filter is null ? null : Compile(spec.Filter, 0, linkFilter: false);
        if (slots.Count - 1 + relatedFilters > MaxLinkEntities)
        {
            throw Faults.TooManyLinkEntities(slots.Count - 1 + relatedFilters);
        }

        if (conditions + slots.Count - 1 + relatedFilters > MaxConditions)
        {
            throw Faults.TooManyConditions(conditions + slots.Count - 1 + relatedFilters);
        }

        (beforeJoins, afterJoins) = Split(root);
        foreach (var order in spec.Orders)
        {
            AddOrder(order, 0);
        }

        for (var i = 1; i < slots.Count; i++)
        {
            foreach (var order in slots[i].Link!.Orders)
            {
                AddOrder(order, i);
            }
        }
    }

    /// <summary>Runs the query over the organization's tables, with what it knows of them (<see cref="QueryServices"/>).</summary>
    public static QueryOutcome Execute(QuerySpec spec, QueryServices services) => new QueryEngine(spec, services).Run();

    /// <summary>
    /// Collects the rows of <paramref name="table"/> whose column equals one of <paramref name="valueCount"/> values,
    /// from the row dictionary (primary key) or the column's hash index. <paramref name="keyAt"/> gives value i as a key
    /// of a column class, or null when it can't be one.
    /// </summary>
    public static void Lookup(Table table, int ordinal, int valueCount, Func<int, ValueClass, object?> keyAt, ICollection<Row> into)
    {
        if (ordinal < 0)
        {
            return;
        }

        if (ordinal == table.PrimaryKeyOrdinal)
        {
            for (var i = 0; i < valueCount; i++)
            {
                if (keyAt(i, ValueClass.Id) is Guid id && table.Find(id) is { } row)
                {
                    into.Add(row);
                }
            }

            return;
        }

        var classes = table.ClassesOf(ordinal);
        if (classes == ValueClass.None)
        {
            return;
        }

        var index = table.IndexOf(ordinal, out _);
        for (var i = 0; i < valueCount; i++)
        {
            foreach (var valueClass in Each(classes))
            {
                if (keyAt(i, valueClass) is { } key)
                {
                    index.CollectInto(key, into);
                }
            }
        }
    }

    private static IEnumerable<ValueClass> Each(ValueClass classes)
    {
        foreach (var valueClass in new[] { ValueClass.Text, ValueClass.Number, ValueClass.Id, ValueClass.Boolean, ValueClass.DateTime, ValueClass.Other })
        {
            if ((classes & valueClass) != 0)
            {
                yield return valueClass;
            }
        }
    }

    private QueryOutcome Run()
    {
        var root = slots[0];
        var tuples = new List<Row?[]>();
        if (root.Table is not null)
        {
            foreach (var row in Candidates(root.Table))
            {
                rowsExamined++;
                var tuple = new Row?[slots.Count];
                tuple[0] = row;
                if (beforeJoins is null || beforeJoins.Matches(tuple))
                {
                    Join(tuple, 1, tuples);
                }
            }
        }

        if (spec.Aggregate)
        {
            return new QueryOutcome(Aggregate(tuples), rowsExamined, indexUsed, plan);
        }

        tuples.Sort(CompareTuples);
        return new QueryOutcome(Page(tuples), rowsExamined, indexUsed, plan);
    }

    private IEnumerable<Row> Candidates(Table table)
    {
        var joins = slots.Count > 1 || afterJoins is not null;
        if (beforeJoins is not null && Estimate(beforeJoins, table) is { } estimate)
        {
            indexUsed = true;
            var rows = new HashSet<Row>(ReferenceEqualityComparer.Instance);
            var used = default(UsedConditions);
            Collect(beforeJoins, table, rows, ref used);
            var path = used.More is not null ? AccessPath.IndexUnion : used.First!.Ordinal == table.PrimaryKeyOrdinal ? AccessPath.PrimaryKey : AccessPath.Index;
            plan = new QueryPlan(path, used.Attributes(), estimate, joins || !AnsweredByIndex(beforeJoins));
            return rows;
        }

        plan = new QueryPlan(AccessPath.Scan, [], null, joins || beforeJoins is not null);
        return table.Rows;
    }

    /// <summary>The conditions whose indexes gave the candidates: usually one, so no list unless there are more.</summary>
    private struct UsedConditions
    {
        public CompiledCondition? First;
        public List<CompiledCondition>? More;

        public void Add(CompiledCondition condition)
        {
            if (First is null)
            {
                First = condition;
            }
            else
            {
                (More ??= [First]).Add(condition);
            }
        }

        public readonly string[] Attributes() => More is null ? [First!.Attribute] : More.ConvertAll(c => c.Attribute).ToArray();
    }

    /// <summary>Whether the index lookups of <see cref="Collect"/> yield exactly the rows the filter matches (no residual check needed).</summary>
    private static bool AnsweredByIndex(CompiledFilter filter)
    {
        if (filter.Related.Count > 0)
        {
            return false;
        }

        if (filter.IsOr)
        {
            return filter.Conditions.TrueForAll(c => c.IsIndexable) && filter.Filters.TrueForAll(AnsweredByIndex);
        }

        return filter.Conditions.Count + filter.Filters.Count == 1
            && (filter.Conditions.Count == 1 ? filter.Conditions[0].IsIndexable : AnsweredByIndex(filter.Filters[0]));
    }

    /// <summary>How many rows an index lookup would yield for this filter, or null when it can't be answered from indexes.</summary>
    private static long? Estimate(CompiledFilter filter, Table table)
    {
        if (!filter.IsOr)
        {
            long? best = null;
            foreach (var condition in filter.Conditions)
            {
                if (condition.RootOnly && condition.IsIndexable)
                {
                    var count = CountFor(condition, table);
                    best = best is null ? count : Math.Min(best.Value, count);
                }
            }

            foreach (var child in filter.Filters)
            {
                if (Estimate(child, table) is { } count)
                {
                    best = best is null ? count : Math.Min(best.Value, count);
                }
            }

            return best;
        }

        if (filter.Conditions.Count + filter.Filters.Count == 0 || filter.Related.Count > 0)
        {
            return null;
        }

        long total = 0;
        foreach (var condition in filter.Conditions)
        {
            if (!condition.RootOnly || !condition.IsIndexable)
            {
                return null;
            }

            total += CountFor(condition, table);
        }

        foreach (var child in filter.Filters)
        {
            if (Estimate(child, table) is not { } count)
            {
                return null;
            }

            total += count;
        }

        return total;
    }

    private static void Collect(CompiledFilter filter, Table table, HashSet<Row> into, ref UsedConditions used)
    {
        if (filter.IsOr)
        {
            foreach (var condition in filter.Conditions)
            {
                LookupCondition(condition, table, into);
                used.Add(condition);
            }

            foreach (var child in filter.Filters)
            {
                Collect(child, table, into, ref used);
            }

            return;
        }

        // An And: the narrowest indexable part gives the candidates; the whole filter is checked on each afterwards.
        long best = long.MaxValue;
        object? choice = null;
        foreach (var condition in filter.Conditions)
        {
            if (condition.RootOnly && condition.IsIndexable && CountFor(condition, table) is var count && count < best)
            {
                (best, choice) = (count, condition);
            }
        }

        foreach (var child in filter.Filters)
        {
            if (Estimate(child, table) is { } count && count < best)
            {
                (best, choice) = (count, child);
            }
        }

        if (choice is CompiledCondition chosen)
        {
            LookupCondition(chosen, table, into);
            used.Add(chosen);
        }
        else if (choice is CompiledFilter nested)
        {
            Collect(nested, table, into, ref used);
        }
    }

    /// <summary>How many rows an index lookup of the condition yields, from the index's counts: nothing is enumerated.</summary>
    private static long CountFor(CompiledCondition condition, Table table)
    {
        var ordinal = condition.Ordinal;
        if (ordinal < 0)
        {
            return 0;
        }

        if (ordinal == table.PrimaryKeyOrdinal)
        {
            return condition.RawValues.Count;
        }

        var classes = table.ClassesOf(ordinal);
        if (classes == ValueClass.None)
        {
            return 0;
        }

        var index = table.IndexOf(ordinal, out _);
        long count = 0;
        foreach (var valueClass in Each(classes))
        {
            foreach (var key in condition.Coerced(valueClass))
            {
                count += index.CountOf(key);
            }
        }

        return count;
    }

    private static void LookupCondition(CompiledCondition condition, Table table, ICollection<Row> into) =>
        Lookup(table, condition.Ordinal, condition.RawValues.Count, (i, valueClass) => condition.Coerced(valueClass)[i], into);

    private void Join(Row?[] tuple, int slotIndex, List<Row?[]> output)
    {
        if (slotIndex == slots.Count)
        {
            if (afterJoins is null || afterJoins.Matches(tuple))
            {
                output.Add(tuple);
            }

            return;
        }

        var slot = slots[slotIndex];
        var link = slot.Link!;
        var parentValue = tuple[slot.ParentSlot]?.Get(slots[slot.ParentSlot].Table?.Ordinal(link.ParentAttribute) ?? -1);
        var matched = false;
        if (parentValue is not null && slot.Table is not null)
        {
            var linked = new List<Row>();
            var parentKey = Values.KeyOf(parentValue);
            Lookup(slot.Table, slot.Table.Ordinal(link.LinkedAttribute), 1, (_, valueClass) => JoinKey(parentKey, valueClass), linked);
            linked.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            foreach (var row in linked)
            {
                rowsExamined++;
                var extended = (Row?[])tuple.Clone();
                extended[slotIndex] = row;
                if (slot.Filter is null || slot.Filter.Matches(extended))
                {
                    matched = true;
                    Join(extended, slotIndex + 1, output);
                }
            }
        }

        if (!matched && link.Outer)
        {
            Join(tuple, slotIndex + 1, output);
        }
    }

    private static object? JoinKey(object parentKey, ValueClass valueClass) =>
        Values.TryCoerce(parentKey, valueClass, out var key) ? key : null;

    private int CompareTuples(Row?[] left, Row?[] right)
    {
        foreach (var (slot, ordinal, descending, labels) in orders)
        {
            var a = SortKey(left[slot]?.Get(ordinal), labels);
            var b = SortKey(right[slot]?.Get(ordinal), labels);
            int result;
            if (a is null || b is null)
            {
                // SQL Server sorts nulls first in ascending order.
                result = a is null ? (b is null ? 0 : -1) : 1;
            }
            else
            {
                result = Values.CompareKeys(a, b, collation);
            }

            if (result != 0)
            {
                return descending ? -result : result;
            }
        }

        // No (further) order: rows come back in insertion order, as Dataverse returns them in clustered key order.
        for (var i = 0; i < left.Length; i++)
        {
            var result = (left[i]?.Sequence ?? 0).CompareTo(right[i]?.Sequence ?? 0);
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    /// <summary>
    /// What a column sorts by: its key, except that a lookup sorts by the referenced row's primary name, as Dataverse
    /// orders a lookup by its name (the name the reference carries when the row is not here; null sorts first).
    /// </summary>
    private object? SortKey(object? value, IReadOnlyDictionary<int, string>? labels = null)
    {
        if (labels is not null && value is OptionSetValue option && labels.TryGetValue(option.Value, out var label))
        {
            // A choice with registered labels sorts by label, as Dataverse sorts choices.
            return label;
        }

        if (value is not EntityReference reference)
        {
            return value is null ? null : Values.KeyOf(value);
        }

        lookupNames ??= [];
        if (!lookupNames.TryGetValue(reference.Id, out var name))
        {
            var table = tables(reference.LogicalName ?? string.Empty);
            var row = table?.Find(reference.Id);
            name = row is null ? reference.Name : row.Get(table!.Ordinal(primaryNameOf(table.LogicalName))) as string;
            lookupNames[reference.Id] = name;
        }

        return name;
    }

    private EntityCollection Page(List<Row?[]> tuples)
    {
        var pageSize = Math.Min(spec.Top ?? spec.PageSize ?? MaxPageSize, MaxPageSize);
        var skip = spec.Top is null ? (long)(Math.Max(spec.PageNumber, 1) - 1) * pageSize : 0;
        var page = new List<Entity>();
        var seen = spec.Distinct ? new HashSet<DistinctKey>() : null;
        var total = 0;
        var moreRecords = false;
        foreach (var tuple in tuples)
        {
            var entity = Project(tuple);
            if (seen is not null && !seen.Add(new DistinctKey(entity, collation)))
            {
                continue;
            }

            total++;
            if (total <= skip)
            {
                continue;
            }

            if (page.Count < pageSize)
            {
                page.Add(entity);
            }
            else
            {
                moreRecords = true;
                if (!spec.ReturnTotalRecordCount)
                {
                    break;
                }
            }
        }

        var collection = new EntityCollection(page)
        {
            EntityName = spec.EntityName,
            MoreRecords = spec.Top is null && moreRecords,
            TotalRecordCount = spec.ReturnTotalRecordCount ? Math.Min(total, MaxPageSize) : -1,
            TotalRecordCountLimitExceeded = spec.ReturnTotalRecordCount && total > MaxPageSize,
        };
        if (collection.MoreRecords)
        {
            collection.PagingCookie = $"<cookie page=\"{Math.Max(spec.PageNumber, 1)}\" />";
        }

        return collection;
    }

    private Entity Project(Row?[] tuple)
    {
        var root = slots[0];
        var row = tuple[0]!;
        var entity = new Entity(root.EntityName);
        var table = root.Table!;
        if (!spec.Distinct)
        {
            // Dataverse always returns the primary key; with distinct only when it is asked for. A distinct row may
            // stand for several rows, so only a plain query's rows carry a RowVersion.
            entity.Id = row.Id;
            entity[table.PrimaryKey] = row.Id;
            entity.RowVersion = table.RowVersionOf(row);
        }

        AddColumns(entity, root, row, aliased: false);
        for (var i = 1; i < slots.Count; i++)
        {
            if (tuple[i] is { } linked)
            {
                AddColumns(entity, slots[i], linked, aliased: true);
            }
        }

        return entity;
    }

    private void AddColumns(Entity entity, Slot slot, Row row, bool aliased)
    {
        var table = slot.Table!;
        if (slot.Columns.AllColumns)
        {
            for (var ordinal = 0; ordinal < table.Columns.Count; ordinal++)
            {
                Put(entity, slot, table.Columns[ordinal], null, row.Get(ordinal), aliased);
            }
        }

        foreach (var pick in slot.Columns.Picks)
        {
            Put(entity, slot, pick.Attribute, pick.Alias, row.Get(table.Ordinal(pick.Attribute)), aliased);
        }

        if (slot.Columns.Picks.Any(p => p.Attribute == table.PrimaryKey && p.Alias is null) && !aliased)
        {
            entity.Id = row.Id;
        }
    }

    /// <summary>Puts a copy of the value under its name (an AliasedValue for a linked column) with its formatted value, if it has one.</summary>
    private void Put(Entity entity, Slot slot, string attribute, string? alias, object? value, bool aliased)
    {
        if (value is null)
        {
            return;
        }

        var copy = Copies.Value(value)!;
        var key = alias ?? (aliased ? $"{slot.Alias}.{attribute}" : attribute);
        entity[key] = alias is not null || aliased ? new AliasedValue(slot.EntityName, attribute, copy) : copy;
        if (copy is not (string or Guid or int or long or decimal or double) && formatted(slot.EntityName, attribute, copy) is { } text)
        {
            entity.FormattedValues[key] = text;
        }
    }

    private void AddLinks(List<LinkSpec> links, int parentSlot, Func<string, Table?> tables)
    {
        foreach (var link in links)
        {
            var alias = link.Alias ?? $"{link.EntityName}{slots.Count}";
            if (slots.Any(s => s.Alias == alias))
            {
                throw Faults.Invalid($"Two link-entities use the alias '{alias}'; give each its own alias.");
            }

            var slot = new Slot(link.EntityName, alias, tables(link.EntityName), link, parentSlot, link.Columns);
            slots.Add(slot);
            var index = slots.Count - 1;
            slot.Filter = link.Filter is null ? null : Compile(link.Filter, index, linkFilter: true);
            AddLinks(link.Links, index, tables);
        }
    }

    private CompiledFilter Compile(FilterSpec filter, int defaultSlot, bool linkFilter)
    {
        var compiled = new CompiledFilter(filter.IsOr);
        foreach (var condition in filter.Conditions)
        {
            var slot = condition.EntityName is null ? defaultSlot : Resolve(condition.EntityName, condition.Attribute);
            if (linkFilter && slot > defaultSlot)
            {
                throw new NotSupportedException(
                    $"LocalOrg does not support a link-entity filter that names a later link-entity ('{condition.EntityName}'); put the condition in the root filter.");
            }

            var compiledCondition = new CompiledCondition(slot, slots[slot].EntityName, slots[slot].Table, condition, clock, collation);
            if (condition.ValueOf is { } valueOf)
            {
                var dot = valueOf.IndexOf('.', StringComparison.Ordinal);
                var otherSlot = dot < 0 ? slot : Resolve(valueOf[..dot], valueOf[(dot + 1)..]);
                var otherColumn = dot < 0 ? valueOf : valueOf[(dot + 1)..];
                Faults.CheckAttributeName(slots[otherSlot].EntityName, otherColumn);
                if (linkFilter && otherSlot > defaultSlot)
                {
                    throw new NotSupportedException(
                        $"LocalOrg does not support a link-entity filter that compares with a later link-entity ('{valueOf}'); put the condition in the root filter.");
                }

                compiledCondition.CompareWith(otherSlot, slots[otherSlot].Table?.Ordinal(otherColumn) ?? -1, valueOf);
            }

            compiled.Conditions.Add(compiledCondition);
            conditions++;
        }

        foreach (var child in filter.Filters)
        {
            compiled.Filters.Add(Compile(child, defaultSlot, linkFilter));
        }

        foreach (var link in filter.Links)
        {
            var parent = slots[defaultSlot];
            compiled.AddRelated(CompileRelated(link, defaultSlot, parent.EntityName, parent.Table));
        }

        return compiled;
    }

    /// <summary>
    /// A link-entity inside a filter (any, not any, all, not all): its own filter is compiled against a one-row tuple
    /// of the related table, so it may hold conditions on that table and further such links, but no joins.
    /// </summary>
    private CompiledRelated CompileRelated(LinkSpec link, int parentSlot, string parentEntity, Table? parentTable)
    {
        relatedFilters++;
        if (link.Links.Count > 0)
        {
            throw new NotSupportedException(
                $"LocalOrg does not support a link-entity inside a link-type=\"{link.FilterOperator}\" link-entity ({link.EntityName}); put the related table's conditions in its filter.");
        }

        var table = tables(link.EntityName);
        return new CompiledRelated(
            link.FilterOperator,
            parentSlot,
            parentTable?.Ordinal(link.ParentAttribute) ?? -1,
            table,
            table?.Ordinal(link.LinkedAttribute) ?? -1,
            link.Filter is null ? null : CompileRelatedFilter(link.Filter, link, table));
    }

    private CompiledFilter CompileRelatedFilter(FilterSpec filter, LinkSpec link, Table? table)
    {
        var compiled = new CompiledFilter(filter.IsOr);
        foreach (var condition in filter.Conditions)
        {
            if (condition.EntityName is { } named && named != link.Alias && named != link.EntityName)
            {
                throw new NotSupportedException(
                    $"LocalOrg does not support a condition on '{named}' inside the link-type=\"{link.FilterOperator}\" link-entity {link.EntityName}; name no entity there.");
            }

            if (condition.ValueOf is not null)
            {
                throw new NotSupportedException(
                    $"LocalOrg does not support a column comparison (valueof) inside the link-type=\"{link.FilterOperator}\" link-entity {link.EntityName}.");
            }

            compiled.Conditions.Add(new CompiledCondition(0, link.EntityName, table, condition, clock, collation));
            conditions++;
        }

        foreach (var child in filter.Filters)
        {
            compiled.Filters.Add(CompileRelatedFilter(child, link, table));
        }

        foreach (var nested in filter.Links)
        {
            compiled.AddRelated(CompileRelated(nested, 0, link.EntityName, table));
        }

        return compiled;
    }

    private int Resolve(string entityName, string attribute)
    {
        var byAlias = slots.FindIndex(s => s.Alias == entityName);
        if (byAlias >= 0)
        {
            return byAlias;
        }

        var byName = slots.Select((s, i) => (s, i)).Where(x => x.s.EntityName == entityName).ToList();
        if (byName.Count == 1)
        {
            return byName[0].i;
        }

        throw Faults.Invalid(byName.Count == 0
            ? $"The condition on '{attribute}' names entity '{entityName}', which is neither the queried table nor the alias of a link-entity ({string.Join(", ", slots.Select(s => s.Alias))})."
            : $"The condition on '{attribute}' names entity '{entityName}', which several link-entities join; use the link-entity's alias.");
    }

    private void AddOrder(OrderSpec order, int defaultSlot)
    {
        var slot = order.EntityName is null ? defaultSlot : Resolve(order.EntityName, order.Attribute);
        var labels = spec.UseRawOrderBy ? null : labelsOf(slots[slot].EntityName, order.Attribute);
        orders.Add((slot, slots[slot].Table?.Ordinal(order.Attribute) ?? -1, order.Descending, labels));
    }

    // Parts of an And that touch only the root table are checked before joining; the rest after.
    private static (CompiledFilter? Before, CompiledFilter? After) Split(CompiledFilter? filter)
    {
        if (filter is null)
        {
            return (null, null);
        }

        if (filter.RootOnly)
        {
            return (filter, null);
        }

        if (filter.IsOr)
        {
            return (null, filter);
        }

        var before = new CompiledFilter(false);
        var after = new CompiledFilter(false);
        foreach (var condition in filter.Conditions)
        {
            (condition.RootOnly ? before : after).Conditions.Add(condition);
        }

        foreach (var child in filter.Filters)
        {
            (child.RootOnly ? before : after).Filters.Add(child);
        }

        foreach (var related in filter.Related)
        {
            (related.Slot == 0 ? before : after).AddRelated(related);
        }

        return (before, after);
    }

    private sealed class Slot(string entityName, string alias, Table? table, LinkSpec? link, int parentSlot, ColumnSpec columns)
    {
        public string EntityName { get; } = entityName;

        public string Alias { get; } = alias;

        public Table? Table { get; } = table;

        public LinkSpec? Link { get; } = link;

        public int ParentSlot { get; } = parentSlot;

        public ColumnSpec Columns { get; } = columns;

        public CompiledFilter? Filter { get; set; }
    }

    /// <summary>Distinct compares the returned columns under the collation, as SQL's DISTINCT does.</summary>
    private sealed class DistinctKey(Entity entity, Collation collation) : IEquatable<DistinctKey>
    {
        private readonly KeyValuePair<string, object?>[] parts = entity.Attributes
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new KeyValuePair<string, object?>(a.Key, Unwrap(a.Value)))
            .ToArray();

        public bool Equals(DistinctKey? other) =>
            other is not null
            && parts.Length == other.parts.Length
            && parts.Zip(other.parts).All(p => p.First.Key == p.Second.Key
                && (p.First.Value is null ? p.Second.Value is null : p.Second.Value is not null && Values.KeysEqual(p.First.Value, p.Second.Value, collation)));

        public override bool Equals(object? obj) => Equals(obj as DistinctKey);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var part in parts)
            {
                hash.Add(part.Key, StringComparer.Ordinal);
                hash.Add(part.Value is null ? 0 : collation.Keys.GetHashCode(part.Value));
            }

            return hash.ToHashCode();
        }

        private static object? Unwrap(object? value)
        {
            var inner = value is AliasedValue aliased ? aliased.Value : value;
            return inner is null ? null : Values.KeyOf(inner);
        }
    }
}

internal sealed class CompiledFilter(bool isOr)
{
    public bool IsOr { get; } = isOr;

    public List<CompiledCondition> Conditions { get; } = [];

    public List<CompiledFilter> Filters { get; } = [];

    private List<CompiledRelated>? related;

    /// <summary>Conditions on related rows (link-entities of type any, not any, all, not all inside the filter).</summary>
    public IReadOnlyList<CompiledRelated> Related => (IReadOnlyList<CompiledRelated>?)related ?? [];

    public bool RootOnly => Conditions.TrueForAll(c => c.RootOnly) && Filters.TrueForAll(f => f.RootOnly) && (related is null || related.TrueForAll(r => r.Slot == 0));

    // Most filters have none: the list is made only when one is added.
    public void AddRelated(CompiledRelated condition) => (related ??= []).Add(condition);

    // Loops rather than LINQ: this runs for every candidate row, and must not allocate.
    public bool Matches(Row?[] tuple)
    {
        if (Conditions.Count == 0 && Filters.Count == 0 && Related.Count == 0)
        {
            return true;
        }

        var wanted = IsOr;
        for (var i = 0; i < Conditions.Count; i++)
        {
            if (Conditions[i].Matches(tuple) == wanted)
            {
                return wanted;
            }
        }

        for (var i = 0; i < Filters.Count; i++)
        {
            if (Filters[i].Matches(tuple) == wanted)
            {
                return wanted;
            }
        }

        for (var i = 0; i < Related.Count; i++)
        {
            if (Related[i].Matches(tuple) == wanted)
            {
                return wanted;
            }
        }

        return !wanted;
    }
}

/// <summary>
/// A link-entity inside a filter, as Dataverse runs it (the SQL of the "Filter rows" page): any and not all are
/// EXISTS (a related row that matches the link's filter), not any is NOT EXISTS, and all is "related rows exist but
/// none matches the link's filter". The related rows come from the linked column's index.
/// </summary>
internal sealed class CompiledRelated(JoinOperator kind, int slot, int parentOrdinal, Table? table, int linkedOrdinal, CompiledFilter? filter)
{
    public int Slot { get; } = slot;

    public bool Matches(Row?[] tuple)
    {
        var anyRow = false;
        var anyMatch = false;
        if (tuple[Slot]?.Get(parentOrdinal) is { } value && table is not null)
        {
            var key = Values.KeyOf(value);
            var rows = new List<Row>();
            QueryEngine.Lookup(table, linkedOrdinal, 1, (_, valueClass) => Values.TryCoerce(key, valueClass, out var coerced) ? coerced : null, rows);
            var single = new Row?[1];
            foreach (var row in rows)
            {
                anyRow = true;
                single[0] = row;
                if (filter is null || filter.Matches(single))
                {
                    anyMatch = true;
                    break;
                }
            }
        }

        return kind switch
        {
            JoinOperator.NotAny => !anyMatch,
            JoinOperator.All => anyRow && !anyMatch,
            _ => anyMatch,
        };
    }
}
