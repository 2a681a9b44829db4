using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.LocalOrg;

/// <summary>
/// One query in the engine's own terms. QueryExpression, QueryByAttribute and FetchXML are all translated into it,
/// so all three share one set of semantics. Slot 0 is the root table; each link-entity gets the next slot.
/// </summary>
internal sealed class QuerySpec(string kind, string entityName)
{
    public string Kind { get; } = kind;

    public string EntityName { get; } = entityName;

    public ColumnSpec Columns { get; set; } = ColumnSpec.None;

    public FilterSpec? Filter { get; set; }

    public List<LinkSpec> Links { get; } = [];

    public List<OrderSpec> Orders { get; } = [];

    public int? Top { get; set; }

    public int? PageSize { get; set; }

    public int PageNumber { get; set; } = 1;

    public bool ReturnTotalRecordCount { get; set; }

    public bool Distinct { get; set; }

    /// <summary>FetchXML aggregate="true": the rows are grouped and aggregated (see <see cref="ColumnPick.Aggregate"/>).</summary>
    public bool Aggregate { get; set; }

    /// <summary>FetchXML useraworderby="true": choices sort by their values, not their labels.</summary>
    public bool UseRawOrderBy { get; set; }

    /// <summary>FetchXML aggregatelimit: a lower limit than Dataverse's 50,000 rows for this aggregate query.</summary>
    public int? AggregateLimit { get; set; }
}

/// <summary>A join to another table (a link-entity).</summary>
internal sealed class LinkSpec(string entityName, string fromAttribute, string toAttribute, bool outer)
{
    public string EntityName { get; } = entityName;

    /// <summary>The column on the parent (QueryExpression's LinkFromAttributeName, FetchXML's <c>to</c>).</summary>
    public string ParentAttribute { get; } = fromAttribute;

    /// <summary>The column on this linked table (QueryExpression's LinkToAttributeName, FetchXML's <c>from</c>).</summary>
    public string LinkedAttribute { get; } = toAttribute;

    public bool Outer { get; } = outer;

    /// <summary>For a link inside a filter: Any, NotAny, All or NotAll (a condition on related rows, not a join).</summary>
    public JoinOperator FilterOperator { get; set; } = JoinOperator.Inner;

    public string? Alias { get; set; }

    public ColumnSpec Columns { get; set; } = ColumnSpec.None;

    public FilterSpec? Filter { get; set; }

    public List<LinkSpec> Links { get; } = [];

    public List<OrderSpec> Orders { get; } = [];
}

/// <summary>Which columns a table contributes to the result.</summary>
internal sealed class ColumnSpec
{
    public static readonly ColumnSpec None = new(false, []);

    public static readonly ColumnSpec All = new(true, []);

    public ColumnSpec(bool all, IReadOnlyList<ColumnPick> picks)
    {
        AllColumns = all;
        Picks = picks;
    }

    public bool AllColumns { get; }

    public IReadOnlyList<ColumnPick> Picks { get; }
}

/// <summary>A selected column, optionally under an alias (FetchXML <c>&lt;attribute name alias&gt;</c>).</summary>
internal sealed record ColumnPick(string Attribute, string? Alias)
{
    /// <summary>count, countcolumn, sum, avg, min or max (aggregate queries).</summary>
    public string? Aggregate { get; init; }

    /// <summary>countcolumn distinct="true": unique values only.</summary>
    public bool Distinct { get; init; }

    public bool GroupBy { get; init; }

    /// <summary>day, week, month, quarter or year: group by that part of a date.</summary>
    public string? DateGrouping { get; init; }

    /// <summary>Date grouping in the user's time zone (the default) or, when false, in UTC.</summary>
    public bool UserTimeZone { get; init; } = true;
}

internal sealed class FilterSpec(bool isOr)
{
    public bool IsOr { get; } = isOr;

    public List<ConditionSpec> Conditions { get; } = [];

    public List<FilterSpec> Filters { get; } = [];

    private List<LinkSpec>? links;

    /// <summary>Link-entities inside the filter (any, not any, all, not all): conditions on related rows.</summary>
    public IReadOnlyList<LinkSpec> Links => (IReadOnlyList<LinkSpec>?)links ?? [];

    // Most filters have none: the list is made only when one is added.
    public void AddLink(LinkSpec link) => (links ??= []).Add(link);
}

/// <summary>A condition; <see cref="EntityName"/> names a link alias (or the root) when set.</summary>
internal sealed class ConditionSpec(string? entityName, string attribute, ConditionOperator op, IReadOnlyList<object?> values)
{
    public string? EntityName { get; } = entityName;

    public string Attribute { get; } = attribute;

    public ConditionOperator Operator { get; } = op;

    public IReadOnlyList<object?> Values { get; } = values;

    /// <summary>A column comparison (FetchXML valueof, QueryExpression CompareColumns): the other column, "alias.column" for a linked one.</summary>
    public string? ValueOf { get; init; }
}

internal sealed record OrderSpec(string Attribute, bool Descending, string? EntityName)
{
    /// <summary>An aggregate query orders by the alias of a group or an aggregate.</summary>
    public string? Alias { get; init; }
}
