using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.LocalOrg;

/// <summary>Turns the SDK's query classes into the engine's <see cref="QuerySpec"/>, refusing what LocalOrg can't honour.</summary>
internal static class QueryTranslator
{
    public static QuerySpec Translate(QueryBase query) => query switch
    {
        null => throw Faults.Invalid("RetrieveMultiple needs a query; it was null."),
        QueryExpression expression => FromExpression(expression),
        QueryByAttribute byAttribute => FromByAttribute(byAttribute),
        FetchExpression fetch => FetchXmlParser.Parse(fetch.Query),
        _ => throw new NotSupportedException($"LocalOrg does not support {query.GetType().Name} queries; use QueryExpression, QueryByAttribute or FetchExpression."),
    };

    public static string KindOf(QueryBase query) => query switch
    {
        QueryExpression => "QueryExpression",
        QueryByAttribute => "QueryByAttribute",
        FetchExpression => "FetchXml",
        _ => query?.GetType().Name ?? "null",
    };

    public static ColumnSpec Columns(ColumnSet? columnSet)
    {
        if (columnSet is null)
        {
            return ColumnSpec.None;
        }

        if (columnSet.AttributeExpressions.Count > 0)
        {
            throw Faults.Invalid("ColumnSet.AttributeExpressions (aggregates) belong to a RetrieveMultiple QueryExpression, not to this request.");
        }

        if (columnSet.AllColumns)
        {
            return ColumnSpec.All;
        }

        return new ColumnSpec(false, (columnSet.Columns?.ToArray() ?? []).Select(c => new ColumnPick(c, null)).ToArray());
    }

    private static QuerySpec FromExpression(QueryExpression query)
    {
        Faults.CheckLogicalName(query.EntityName, "table");
        if (query.SubQueryExpression is not null)
        {
            throw new NotSupportedException("LocalOrg does not support QueryExpression.SubQueryExpression.");
        }

        if (!string.IsNullOrEmpty(query.DataSource))
        {
            throw new NotSupportedException($"LocalOrg does not support QueryExpression.DataSource ('{query.DataSource}'): there is no long-term retention store.");
        }

        var aggregate = IsAggregate(query.ColumnSet) || HasAggregateLink(query.LinkEntities);
        var spec = new QuerySpec("QueryExpression", query.EntityName)
        {
            Columns = Checked(query.EntityName, aggregate ? AggregateColumns(query.EntityName, query.ColumnSet) : Columns(query.ColumnSet)),
            Filter = Filter(query.EntityName, query.Criteria),
            Distinct = query.Distinct,
            Aggregate = aggregate,
        };
        Paging(spec, query.TopCount, query.PageInfo);
        foreach (var order in query.Orders)
        {
            spec.Orders.Add(aggregate ? AggregateOrder(order) : Order(query.EntityName, order));
        }

        foreach (var link in query.LinkEntities)
        {
            spec.Links.Add(Joined(Link(link, query.EntityName, aggregate)));
        }

        return spec;
    }

    // ColumnSet.AttributeExpressions makes a QueryExpression an aggregate query (its LinkEntities' too).
    private static bool IsAggregate(ColumnSet? columns) => columns is not null && columns.AttributeExpressions.Count > 0;

    private static bool HasAggregateLink(IEnumerable<LinkEntity> links) =>
        links.Any(l => IsAggregate(l.Columns) || HasAggregateLink(l.LinkEntities));

    /// <summary>The aggregates and groups of an aggregate QueryExpression, checked as the FetchXML parser checks them.</summary>
    private static ColumnSpec AggregateColumns(string entityName, ColumnSet? columns)
    {
        if (columns is null)
        {
            return ColumnSpec.None;
        }

        if (columns.AllColumns || columns.Columns.Count > 0)
        {
            throw Faults.Invalid($"An aggregate QueryExpression names its columns as ColumnSet.AttributeExpressions only ({entityName} also asks for plain columns).");
        }

        var picks = new List<ColumnPick>();
        foreach (var expression in columns.AttributeExpressions)
        {
            Faults.CheckAttributeName(entityName, expression.AttributeName);
            if (string.IsNullOrEmpty(expression.Alias))
            {
                throw Faults.Invalid($"The aggregate expression on '{expression.AttributeName}' needs an Alias.");
            }

            if ((expression.AggregateType == XrmAggregateType.None) == !expression.HasGroupBy)
            {
                throw Faults.Invalid($"The expression '{expression.Alias}' on '{expression.AttributeName}' needs either an AggregateType or HasGroupBy, and not both.");
            }

            if (expression.DateTimeGrouping is XrmDateTimeGrouping.FiscalPeriod or XrmDateTimeGrouping.FiscalYear)
            {
                throw new NotSupportedException($"LocalOrg does not support XrmDateTimeGrouping.{expression.DateTimeGrouping} (on '{expression.AttributeName}'): it has no fiscal year settings.");
            }

            if (expression.DateTimeGrouping != XrmDateTimeGrouping.None && !expression.HasGroupBy)
            {
                throw Faults.Invalid($"DateTimeGrouping on '{expression.AttributeName}' goes with HasGroupBy.");
            }

            picks.Add(new ColumnPick(expression.AttributeName, expression.Alias)
            {
                Aggregate = expression.AggregateType == XrmAggregateType.None ? null : expression.AggregateType.ToString().ToLowerInvariant(),
                GroupBy = expression.HasGroupBy,
                DateGrouping = expression.DateTimeGrouping == XrmDateTimeGrouping.None ? null : expression.DateTimeGrouping.ToString().ToLowerInvariant(),
            });
        }

        return new ColumnSpec(false, picks);
    }

    private static OrderSpec AggregateOrder(OrderExpression order) =>
        string.IsNullOrEmpty(order.Alias)
            ? throw Faults.Invalid($"An aggregate QueryExpression orders by the alias of a group or an aggregate (OrderExpression.Alias), not by '{order.AttributeName}'.")
            : new OrderSpec(string.Empty, order.OrderType == OrderType.Descending, null) { Alias = order.Alias };

    private static QuerySpec FromByAttribute(QueryByAttribute query)
    {
        Faults.CheckLogicalName(query.EntityName, "table");
        var attributes = query.Attributes?.ToArray() ?? [];
        var values = query.Values?.ToArray() ?? [];
        if (attributes.Length == 0)
        {
            throw Faults.Invalid("A QueryByAttribute needs at least one attribute and value (AddAttributeValue).");
        }

        if (attributes.Length != values.Length)
        {
            throw Faults.Invalid($"The QueryByAttribute has {attributes.Length} attributes and {values.Length} values; they go in pairs.");
        }

        var filter = new FilterSpec(false);
        for (var i = 0; i < attributes.Length; i++)
        {
            Faults.CheckAttributeName(query.EntityName, attributes[i]);
            filter.Conditions.Add(new ConditionSpec(null, attributes[i], ConditionOperator.Equal, [values[i]]));
        }

        var spec = new QuerySpec("QueryByAttribute", query.EntityName)
        {
            Columns = Checked(query.EntityName, Columns(query.ColumnSet)),
            Filter = filter,
        };
        Paging(spec, query.TopCount, query.PageInfo);
        foreach (var order in query.Orders)
        {
            spec.Orders.Add(Order(query.EntityName, order));
        }

        return spec;
    }

    public static void Paging(QuerySpec spec, int? top, PagingInfo? page) =>
        Paging(spec, top, page?.Count ?? 0, page?.PageNumber ?? 0, page?.ReturnTotalRecordCount ?? false);

    /// <summary>Top and paging exclude each other in Dataverse; top is 0..5000.</summary>
    public static void Paging(QuerySpec spec, int? top, int pageSize, int pageNumber, bool returnTotalRecordCount)
    {
        if (top is not null && (top < 0 || top > QueryEngine.MaxPageSize))
        {
            throw Faults.Invalid($"TopCount must be between 0 and {QueryEngine.MaxPageSize}; it is {top}.");
        }

        if (top is not null && (pageSize > 0 || pageNumber > 1))
        {
            throw Faults.Invalid("TopCount and PageInfo can't be used together: use TopCount for the first n rows or PageInfo to page through results.");
        }

        spec.Top = top;
        spec.PageSize = pageSize > 0 ? pageSize : null;
        spec.PageNumber = Math.Max(pageNumber, 1);
        spec.ReturnTotalRecordCount = returnTotalRecordCount;
    }

    /// <summary>
    /// A link joins from its parent's table. The link's own LinkFromEntityName is not trusted for that: the SDK sets
    /// it to the root query's table on a link added to a link (LinkEntity.AddLink), and such queries run in Dataverse.
    /// </summary>
    private static LinkSpec Link(LinkEntity link, string parentTable, bool aggregate = false)
    {
        Faults.CheckLogicalName(link.LinkToEntityName, "link-entity table");
        Faults.CheckAttributeName(parentTable, link.LinkFromAttributeName);
        Faults.CheckAttributeName(link.LinkToEntityName, link.LinkToAttributeName);
        var outer = link.JoinOperator switch
        {
            JoinOperator.Inner => false,
            JoinOperator.LeftOuter => true,
            JoinOperator.Any or JoinOperator.NotAny or JoinOperator.All or JoinOperator.NotAll => false,
            _ => throw new NotSupportedException($"LocalOrg supports inner and left outer link-entities, not JoinOperator.{link.JoinOperator}."),
        };
        var spec = new LinkSpec(link.LinkToEntityName, link.LinkFromAttributeName, link.LinkToAttributeName, outer)
        {
            FilterOperator = link.JoinOperator,
            Alias = string.IsNullOrEmpty(link.EntityAlias) ? null : link.EntityAlias,
            Columns = Checked(link.LinkToEntityName, aggregate ? AggregateColumns(link.LinkToEntityName, link.Columns) : Columns(link.Columns)),
            Filter = Filter(link.LinkToEntityName, link.LinkCriteria),
        };
        foreach (var order in link.Orders)
        {
            spec.Orders.Add(Order(link.LinkToEntityName, order));
        }

        foreach (var child in link.LinkEntities)
        {
            spec.Links.Add(Joined(Link(child, link.LinkToEntityName, aggregate)));
        }

        return spec;
    }

    /// <summary>Any, NotAny, All and NotAll are conditions on related rows: they belong in FilterExpression.AnyAllFilterLinkEntity, not among the joins.</summary>
    private static LinkSpec Joined(LinkSpec link) =>
        link.FilterOperator is JoinOperator.Any or JoinOperator.NotAny or JoinOperator.All or JoinOperator.NotAll
            ? throw new NotSupportedException(
                $"LocalOrg supports JoinOperator.{link.FilterOperator} only as a filter (FilterExpression.AnyAllFilterLinkEntity), not among LinkEntities ({link.EntityName}).")
            : link;

    private static FilterSpec? Filter(string entityName, FilterExpression? filter)
    {
        if (filter is null)
        {
            return null;
        }

        var spec = new FilterSpec(filter.FilterOperator == LogicalOperator.Or);
        foreach (var condition in filter.Conditions)
        {
            Faults.CheckAttributeName(condition.EntityName ?? entityName, condition.AttributeName);
            if (condition.CompareColumns)
            {
                // The value names the other column of the same row (QueryExpression compares columns of one table only).
                if (condition.Values is not { Count: 1 } || condition.Values[0] is not string other || other.Contains('.', StringComparison.Ordinal))
                {
                    throw Faults.Invalid($"A CompareColumns condition on '{condition.AttributeName}' takes one value: the name of the column of the same row to compare with.");
                }

                Faults.CheckAttributeName(condition.EntityName ?? entityName, other);
                spec.Conditions.Add(new ConditionSpec(string.IsNullOrEmpty(condition.EntityName) ? null : condition.EntityName, condition.AttributeName, condition.Operator, [])
                {
                    ValueOf = string.IsNullOrEmpty(condition.EntityName) ? other : $"{condition.EntityName}.{other}",
                });
                continue;
            }

            spec.Conditions.Add(new ConditionSpec(
                string.IsNullOrEmpty(condition.EntityName) ? null : condition.EntityName,
                condition.AttributeName,
                condition.Operator,
                condition.Values?.ToArray() ?? []));
        }

        foreach (var child in filter.Filters)
        {
            if (Filter(entityName, child) is { } nested)
            {
                spec.Filters.Add(nested);
            }
        }

        if (filter.AnyAllFilterLinkEntity is { } related)
        {
            if (related.JoinOperator is not (JoinOperator.Any or JoinOperator.NotAny or JoinOperator.All or JoinOperator.NotAll))
            {
                throw Faults.Invalid(
                    $"FilterExpression.AnyAllFilterLinkEntity ({related.LinkToEntityName}) must use JoinOperator Any, NotAny, All or NotAll, not {related.JoinOperator}.");
            }

            spec.AddLink(Link(related, entityName));
        }

        return spec;
    }

    private static OrderSpec Order(string entityName, OrderExpression order)
    {
        if (!string.IsNullOrEmpty(order.Alias))
        {
            throw new NotSupportedException($"LocalOrg does not support ordering by an aggregate alias ('{order.Alias}').");
        }

        Faults.CheckAttributeName(entityName, order.AttributeName);
        return new OrderSpec(order.AttributeName, order.OrderType == OrderType.Descending, string.IsNullOrEmpty(order.EntityName) ? null : order.EntityName);
    }

    private static ColumnSpec Checked(string entityName, ColumnSpec columns)
    {
        foreach (var pick in columns.Picks)
        {
            Faults.CheckAttributeName(entityName, pick.Attribute);
        }

        return columns;
    }
}
