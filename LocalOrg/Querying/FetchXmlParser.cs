using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.ServiceModel;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.LocalOrg;

/// <summary>
/// Parses FetchXML into a <see cref="QuerySpec"/>. Errors say where the problem is and what to write instead,
/// since a FetchXML mistake otherwise shows up only as a failed query in Dataverse.
/// </summary>
internal static class FetchXmlParser
{
    /// <summary>
    /// Elements nest at most this deep (fetch is 1, entity 2). The parser recurses into filters and link-entities,
    /// and building the tree takes time quadratic in the depth, so a hostile query is refused before either.
    /// </summary>
    public const int MaxDepth = 64;

    private static readonly Dictionary<string, ConditionOperator> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = ConditionOperator.Equal,
        ["ne"] = ConditionOperator.NotEqual,
        ["neq"] = ConditionOperator.NotEqual,
        ["gt"] = ConditionOperator.GreaterThan,
        ["ge"] = ConditionOperator.GreaterEqual,
        ["lt"] = ConditionOperator.LessThan,
        ["le"] = ConditionOperator.LessEqual,
        ["like"] = ConditionOperator.Like,
        ["not-like"] = ConditionOperator.NotLike,
        ["in"] = ConditionOperator.In,
        ["not-in"] = ConditionOperator.NotIn,
        ["between"] = ConditionOperator.Between,
        ["not-between"] = ConditionOperator.NotBetween,
        ["null"] = ConditionOperator.Null,
        ["not-null"] = ConditionOperator.NotNull,
        ["begins-with"] = ConditionOperator.BeginsWith,
        ["not-begin-with"] = ConditionOperator.DoesNotBeginWith,
        ["ends-with"] = ConditionOperator.EndsWith,
        ["not-end-with"] = ConditionOperator.DoesNotEndWith,
        ["yesterday"] = ConditionOperator.Yesterday,
        ["today"] = ConditionOperator.Today,
        ["tomorrow"] = ConditionOperator.Tomorrow,
        ["last-seven-days"] = ConditionOperator.Last7Days,
        ["next-seven-days"] = ConditionOperator.Next7Days,
        ["last-week"] = ConditionOperator.LastWeek,
        ["this-week"] = ConditionOperator.ThisWeek,
        ["next-week"] = ConditionOperator.NextWeek,
        ["last-month"] = ConditionOperator.LastMonth,
        ["this-month"] = ConditionOperator.ThisMonth,
        ["next-month"] = ConditionOperator.NextMonth,
        ["last-year"] = ConditionOperator.LastYear,
        ["this-year"] = ConditionOperator.ThisYear,
        ["next-year"] = ConditionOperator.NextYear,
        ["on"] = ConditionOperator.On,
        ["not-on"] = ConditionOperator.NotOn,
        ["on-or-before"] = ConditionOperator.OnOrBefore,
        ["on-or-after"] = ConditionOperator.OnOrAfter,
        ["last-x-hours"] = ConditionOperator.LastXHours,
        ["next-x-hours"] = ConditionOperator.NextXHours,
        ["last-x-days"] = ConditionOperator.LastXDays,
        ["next-x-days"] = ConditionOperator.NextXDays,
        ["last-x-weeks"] = ConditionOperator.LastXWeeks,
        ["next-x-weeks"] = ConditionOperator.NextXWeeks,
        ["last-x-months"] = ConditionOperator.LastXMonths,
        ["next-x-months"] = ConditionOperator.NextXMonths,
        ["last-x-years"] = ConditionOperator.LastXYears,
        ["next-x-years"] = ConditionOperator.NextXYears,
        ["olderthan-x-minutes"] = ConditionOperator.OlderThanXMinutes,
        ["olderthan-x-hours"] = ConditionOperator.OlderThanXHours,
        ["olderthan-x-days"] = ConditionOperator.OlderThanXDays,
        ["olderthan-x-weeks"] = ConditionOperator.OlderThanXWeeks,
        ["olderthan-x-months"] = ConditionOperator.OlderThanXMonths,
        ["olderthan-x-years"] = ConditionOperator.OlderThanXYears,
        ["contain-values"] = ConditionOperator.ContainValues,
        ["not-contain-values"] = ConditionOperator.DoesNotContainValues,
    };

    // Valid Dataverse operators that LocalOrg does not evaluate: named so the error can say "not supported" rather than "unknown".
    private static readonly HashSet<string> KnownUnsupported = new(StringComparer.Ordinal)
    {
        "eq-userid", "ne-userid", "eq-userteams",
        "eq-useroruserteams", "eq-useroruserhierarchy", "eq-useroruserhierarchyandteams", "eq-businessid", "ne-businessid",
        "eq-userlanguage", "this-fiscal-year", "this-fiscal-period", "next-fiscal-year", "next-fiscal-period",
        "last-fiscal-year", "last-fiscal-period", "last-x-fiscal-years", "last-x-fiscal-periods", "next-x-fiscal-years",
        "next-x-fiscal-periods", "in-fiscal-year", "in-fiscal-period", "in-fiscal-period-and-year",
        "in-or-before-fiscal-period-and-year", "in-or-after-fiscal-period-and-year", "under", "eq-or-under", "not-under",
        "above", "eq-or-above", "mask", "not-mask", "masks-select",
    };

    private static readonly string[] FetchAttributes =
    [
        "version", "output-format", "mapping", "distinct", "top", "count", "page", "paging-cookie", "no-lock",
        "returntotalrecordcount", "aggregate", "aggregatelimit", "min-active-row-version", "useraworderby", "latematerialize", "options", "datasource",
    ];

    public static QuerySpec Parse(string? fetchXml)
    {
        if (string.IsNullOrWhiteSpace(fetchXml))
        {
            throw Faults.Invalid("The FetchXML query is empty; it should start with <fetch> and contain one <entity name=\"…\">.");
        }

        XElement fetch;
        try
        {
            CheckDepth(fetchXml);
            fetch = XElement.Parse(fetchXml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw Faults.Invalid($"The FetchXML is not well-formed XML: {e.Message} Fix the XML at line {e.LineNumber}, position {e.LinePosition}.");
        }

        if (fetch.Name.LocalName != "fetch")
        {
            throw Error(fetch, $"The root element is <{fetch.Name.LocalName}>; FetchXML starts with <fetch>.");
        }

        CheckAttributes(fetch, FetchAttributes);
        var aggregate = Bool(fetch, "aggregate");

        if (fetch.Attribute("datasource") is { } source && source.Value != "live")
        {
            throw new NotSupportedException($"LocalOrg does not support FetchXML datasource=\"{source.Value}\": there is no long-term retention store.");
        }

        var entities = fetch.Elements().ToList();
        var entity = entities.Count == 1 && entities[0].Name.LocalName == "entity"
            ? entities[0]
            : throw Error(fetch, "<fetch> must contain exactly one <entity name=\"…\"> element.");
        var name = Required(entity, "name");
        Faults.CheckLogicalName(name, "table");
        var spec = new QuerySpec("FetchXml", name) { Distinct = Bool(fetch, "distinct"), Aggregate = aggregate, AggregateLimit = Int(fetch, "aggregatelimit"), UseRawOrderBy = Bool(fetch, "useraworderby") };
        var top = Int(fetch, "top");
        var count = Int(fetch, "count");
        var page = Int(fetch, "page");
        if (top is not null && (count is not null || page is not null))
        {
            throw Error(fetch, "<fetch> can't have both top and count/page: use top for the first n rows, or count and page to page through results.");
        }

        QueryTranslator.Paging(spec, top, count ?? 0, page ?? 1, Bool(fetch, "returntotalrecordcount"));

        var parts = Body(entity, name, aggregate);
        spec.Columns = parts.Columns;
        spec.Filter = parts.Filter;
        spec.Orders.AddRange(parts.Orders);
        spec.Links.AddRange(parts.Links);
        return spec;
    }

    private static (ColumnSpec Columns, FilterSpec? Filter, List<OrderSpec> Orders, List<LinkSpec> Links) Body(XElement element, string entityName, bool aggregate)
    {
        var all = false;
        var picks = new List<ColumnPick>();
        var filters = new List<FilterSpec>();
        var orders = new List<OrderSpec>();
        var links = new List<LinkSpec>();
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "all-attributes":
                    if (aggregate)
                    {
                        throw Error(child, "<all-attributes> can't be used in an aggregate query; name each column with an aggregate or groupby and an alias.");
                    }

                    all = true;
                    break;
                case "attribute":
                    CheckAttributes(child, "name", "alias", "aggregate", "groupby", "dategrouping", "distinct", "usertimezone", "build");
                    var attribute = Required(child, "name");
                    Faults.CheckAttributeName(entityName, attribute);
                    picks.Add(aggregate ? AggregatePick(child, attribute) : PlainPick(child, attribute));
                    break;
                case "order":
                    CheckAttributes(child, "attribute", "descending", "alias", "entityname");
                    if (aggregate)
                    {
                        var byAlias = (string?)child.Attribute("alias");
                        if (child.Attribute("attribute") is not null || string.IsNullOrEmpty(byAlias))
                        {
                            throw Error(child, "An aggregate query orders by the alias of a group or an aggregate: <order alias=\"…\" />, not by attribute.");
                        }

                        orders.Add(new OrderSpec(string.Empty, Bool(child, "descending"), null) { Alias = byAlias });
                        break;
                    }

                    if (child.Attribute("alias") is not null && child.Attribute("attribute") is null)
                    {
                        throw Error(child, "<order alias=\"…\"> orders an aggregate query (<fetch aggregate=\"true\">); order this query by attribute.");
                    }

                    var orderBy = Required(child, "attribute");
                    Faults.CheckAttributeName(entityName, orderBy);
                    orders.Add(new OrderSpec(orderBy, Bool(child, "descending"), (string?)child.Attribute("entityname")));
                    break;
                case "filter":
                    filters.Add(Filter(child, entityName));
                    break;
                case "link-entity":
                    links.Add(Link(child, inFilter: false, aggregate));
                    break;
                default:
                    throw Error(child, $"<{child.Name.LocalName}> is not allowed inside <{element.Name.LocalName}>; "
                        + "use attribute, all-attributes, order, filter or link-entity.");
            }
        }

        FilterSpec? filter = filters.Count switch
        {
            0 => null,
            1 => filters[0],
            _ => Combined(filters),
        };
        return (all ? ColumnSpec.All : new ColumnSpec(false, picks), filter, orders, links);
    }

    private static FilterSpec Combined(List<FilterSpec> filters)
    {
        var and = new FilterSpec(false);
        and.Filters.AddRange(filters);
        return and;
    }

    private static LinkSpec Link(XElement element, bool inFilter, bool aggregate)
    {
        CheckAttributes(element, "name", "from", "to", "alias", "link-type", "visible", "intersect", "enableprefiltering", "prefilterparametername");
        var name = Required(element, "name");
        Faults.CheckLogicalName(name, "link-entity table");
        var from = Required(element, "from");
        var to = Required(element, "to");
        Faults.CheckAttributeName(name, from);
        Faults.CheckAttributeName("(parent)", to);
        var type = (string?)element.Attribute("link-type") ?? "inner";
        var filterOperator = type switch
        {
            "any" => JoinOperator.Any,
            "not any" => JoinOperator.NotAny,
            "all" => JoinOperator.All,
            "not all" => JoinOperator.NotAll,
            _ => JoinOperator.Inner,
        };
        if (inFilter && filterOperator == JoinOperator.Inner)
        {
            throw Error(element, $"A <link-entity> inside a <filter> must use link-type=\"any\", \"not any\", \"all\" or \"not all\", not \"{type}\".");
        }

        var outer = type switch
        {
            "inner" => false,
            "outer" => true,
            "any" or "not any" or "all" or "not all" when inFilter => false,
            "any" or "not any" or "all" or "not all" =>
                throw new NotSupportedException($"LocalOrg supports link-type=\"{type}\" only on a <link-entity> inside a <filter>, where it filters on related rows."),
            "exists" or "in" or "matchfirstrowusingcrossapply" =>
                throw new NotSupportedException($"LocalOrg supports link-type=\"inner\" and \"outer\" (and any, not any, all, not all inside a filter), not \"{type}\"."),
            _ => throw Error(element, $"link-type=\"{type}\" is not a FetchXML link type; use \"inner\" or \"outer\"."),
        };

        // FetchXML's "from" is the column on the linked table and "to" the column on the parent.
        var link = new LinkSpec(name, to, from, outer) { Alias = (string?)element.Attribute("alias"), FilterOperator = filterOperator };
        var parts = Body(element, name, aggregate && !inFilter);
        link.Columns = parts.Columns;
        link.Filter = parts.Filter;
        link.Orders.AddRange(parts.Orders);
        link.Links.AddRange(parts.Links);
        return link;
    }

    private static ColumnPick PlainPick(XElement element, string attribute)
    {
        foreach (var name in new[] { "aggregate", "groupby", "dategrouping" })
        {
            if (element.Attribute(name) is not null)
            {
                throw Error(element, $"'{name}' on <attribute name=\"{attribute}\"> needs an aggregate query: <fetch aggregate=\"true\">.");
            }
        }

        return new ColumnPick(attribute, (string?)element.Attribute("alias"));
    }

    private static readonly string[] AggregateFunctions = ["count", "countcolumn", "sum", "avg", "min", "max"];

    private static readonly string[] DateGroupings = ["day", "week", "month", "quarter", "year"];

    private static ColumnPick AggregatePick(XElement element, string attribute)
    {
        var alias = (string?)element.Attribute("alias");
        var function = (string?)element.Attribute("aggregate");
        var groupBy = Bool(element, "groupby");
        if (string.IsNullOrEmpty(alias))
        {
            throw Error(element, $"<attribute name=\"{attribute}\"> in an aggregate query needs an alias.");
        }

        if (function is null == !groupBy)
        {
            throw Error(element, $"<attribute name=\"{attribute}\"> in an aggregate query needs either aggregate=\"…\" ({string.Join(", ", AggregateFunctions)}) or groupby=\"true\", and not both.");
        }

        if (function is not null && !AggregateFunctions.Contains(function))
        {
            throw Error(element, $"aggregate=\"{function}\" is not an aggregate function; use one of: {string.Join(", ", AggregateFunctions)}.");
        }

        var dateGrouping = (string?)element.Attribute("dategrouping");
        if (dateGrouping is "fiscal-period" or "fiscal-year")
        {
            throw new NotSupportedException($"LocalOrg does not support dategrouping=\"{dateGrouping}\" (on '{attribute}'): it has no fiscal year settings.");
        }

        if (dateGrouping is not null && (!groupBy || !DateGroupings.Contains(dateGrouping)))
        {
            throw Error(element, $"dategrouping=\"{dateGrouping}\" goes with groupby=\"true\" and is one of: {string.Join(", ", DateGroupings)}, fiscal-period, fiscal-year.");
        }

        var distinct = Bool(element, "distinct");
        if (distinct && function != "countcolumn")
        {
            throw Error(element, $"distinct=\"true\" on <attribute name=\"{attribute}\"> goes with aggregate=\"countcolumn\".");
        }

        return new ColumnPick(attribute, alias)
        {
            Aggregate = function,
            GroupBy = groupBy,
            DateGrouping = dateGrouping,
            Distinct = distinct,
            UserTimeZone = element.Attribute("usertimezone") is null || Bool(element, "usertimezone"),
        };
    }

    private static FilterSpec Filter(XElement element, string entityName)
    {
        CheckAttributes(element, "type", "hint", "isquickfindfields", "overridequickfindrecordlimitenabled", "overridequickfindrecordlimitdisabled");
        var type = (string?)element.Attribute("type") ?? "and";
        var filter = type switch
        {
            "and" => new FilterSpec(false),
            "or" => new FilterSpec(true),
            _ => throw Error(element, $"filter type=\"{type}\" is not valid; use type=\"and\" or type=\"or\"."),
        };
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "condition":
                    filter.Conditions.Add(Condition(child, entityName));
                    break;
                case "filter":
                    filter.Filters.Add(Filter(child, entityName));
                    break;
                case "link-entity":
                    filter.AddLink(Link(child, inFilter: true, aggregate: false));
                    break;
                default:
                    throw Error(child, $"<{child.Name.LocalName}> is not allowed inside <filter>; use <condition>, a nested <filter> or a <link-entity> of link-type any, not any, all or not all.");
            }
        }

        return filter;
    }

    private static ConditionSpec Condition(XElement element, string entityName)
    {
        CheckAttributes(element, "attribute", "operator", "value", "entityname", "valueof", "alias", "aggregate", "rowaggregate", "uiname", "uitype", "uihidden");
        var attribute = Required(element, "attribute");
        Faults.CheckAttributeName(entityName, attribute);
        var name = Required(element, "operator");
        if (!Operators.TryGetValue(name, out var op))
        {
            throw KnownUnsupported.Contains(name)
                ? new NotSupportedException($"LocalOrg does not support the FetchXML operator \"{name}\" (on '{attribute}'). Supported: {string.Join(", ", Operators.Keys)}.")
                : Error(element, $"\"{name}\" is not a FetchXML condition operator (on '{attribute}'). Use one of: {string.Join(", ", Operators.Keys)}.");
        }

        if ((string?)element.Attribute("valueof") is { } valueOf)
        {
            if (element.Attribute("value") is not null || element.HasElements)
            {
                throw Error(element, $"The condition on '{attribute}' compares with the column '{valueOf}' (valueof); it takes no value.");
            }

            return new ConditionSpec((string?)element.Attribute("entityname"), attribute, op, []) { ValueOf = valueOf };
        }

        var values = new List<object?>();
        if (element.Attribute("value") is { } value)
        {
            values.Add(value.Value);
        }

        foreach (var child in element.Elements())
        {
            if (child.Name.LocalName != "value")
            {
                throw Error(child, $"<{child.Name.LocalName}> is not allowed inside <condition>; list values as <value>…</value>.");
            }

            values.Add(child.Value);
        }

        var takesNoValue = op is ConditionOperator.Null or ConditionOperator.NotNull
            || (DateOperators.IsDateOperator(op) && DateOperators.ValueCount(op) == 0);
        if (takesNoValue && values.Count > 0)
        {
            throw Error(element, $"operator=\"{name}\" on '{attribute}' takes no value; remove the value.");
        }

        if (!takesNoValue && values.Count == 0)
        {
            var how = op is ConditionOperator.In or ConditionOperator.NotIn or ConditionOperator.Between or ConditionOperator.NotBetween
                or ConditionOperator.ContainValues or ConditionOperator.DoesNotContainValues
                ? "<value>…</value> children"
                : "a value=\"…\" attribute";
            throw Error(element, $"The condition on '{attribute}' with operator=\"{name}\" has no value; add {how}.");
        }

        return new ConditionSpec((string?)element.Attribute("entityname"), attribute, op, values);
    }

    /// <summary>One streaming pass that stops at the first element deeper than <see cref="MaxDepth"/>.</summary>
    private static void CheckDepth(string fetchXml)
    {
        // The settings XElement.Parse uses, so that this pass refuses nothing the parse would accept.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, MaxCharactersFromEntities = 10_000_000 };
        using var reader = XmlReader.Create(new StringReader(fetchXml), settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
            {
                var line = (IXmlLineInfo)reader;
                throw Faults.Invalid($"Invalid FetchXML: <{reader.LocalName}> is nested more than {MaxDepth} elements deep; LocalOrg reads FetchXML at most {MaxDepth} deep. "
                    + $"Flatten the filters or link-entities. (FetchXML line {line.LineNumber}, position {line.LinePosition})");
            }
        }
    }

    private static void CheckAttributes(XElement element, params string[] allowed)
    {
        foreach (var attribute in element.Attributes())
        {
            if (!attribute.IsNamespaceDeclaration && !allowed.Contains(attribute.Name.LocalName))
            {
                throw Error(element, $"<{element.Name.LocalName}> has an unknown attribute '{attribute.Name.LocalName}'; allowed: {string.Join(", ", allowed)}.");
            }
        }
    }

    private static string Required(XElement element, string attribute)
    {
        var value = (string?)element.Attribute(attribute);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Error(element, $"<{element.Name.LocalName}> is missing its '{attribute}' attribute.");
        }

        return value;
    }

    private static bool Bool(XElement element, string attribute)
    {
        var value = (string?)element.Attribute(attribute);
        return value switch
        {
            null => false,
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw Error(element, $"{attribute}=\"{value}\" is not a boolean; use \"true\" or \"false\"."),
        };
    }

    private static int? Int(XElement element, string attribute)
    {
        var value = (string?)element.Attribute(attribute);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw Error(element, $"{attribute}=\"{value}\" is not a whole number.");
    }

    private static FaultException<OrganizationServiceFault> Error(XElement element, string message)
    {
        var where = element is IXmlLineInfo info && info.HasLineInfo() ? $" (FetchXML line {info.LineNumber}, position {info.LinePosition})" : string.Empty;
        return Faults.Invalid($"Invalid FetchXML: {message}{where}");
    }
}
