using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>Aggregate FetchXML over the ten accounts of Microsoft's "Aggregate data using FetchXml" page.</summary>
public sealed class AggregateTests
{
    private readonly LocalOrganization org = new();

    public AggregateTests()
    {
        var march = new DateTime(2023, 3, 25, 12, 0, 0, DateTimeKind.Utc);
        org.Initialize(
            new Entity("account") { ["name"] = "Example Account", ["createdon"] = new DateTime(2023, 8, 27, 12, 0, 0, DateTimeKind.Utc) },
            Account("Contoso Pharmaceuticals (sample)", 1500, "Redmond", march),
            Account("Fabrikam, Inc. (sample)", 2700, "Lynnwood", march),
            Account("Blue Yonder Airlines (sample)", 2900, "Los Angeles", march),
            Account("City Power & Light (sample)", 2900, "Redmond", march),
            Account("Coho Winery (sample)", 3900, "Phoenix", march),
            Account("Adventure Works (sample)", 4300, "Santa Cruz", march),
            Account("Alpine Ski House (sample)", 4800, "Missoula", march),
            Account("Litware, Inc. (sample)", 6000, "Dallas", march),
            Account("A. Datum Corporation (sample)", 6200, "Redmond", march));
    }

    private static Entity Account(string name, int employees, string city, DateTime createdOn) =>
        new("account") { ["name"] = name, ["numberofemployees"] = employees, ["address1_city"] = city, ["createdon"] = createdOn };

    private DataCollection<Entity> Fetch(string body, string fetchAttributes = "") =>
        org.GetOrganizationService().RetrieveMultiple(new FetchExpression($"<fetch aggregate='true' {fetchAttributes}><entity name='account'>{body}</entity></fetch>")).Entities;

    private static object? Value(Entity row, string alias) => row.GetAttributeValue<AliasedValue>(alias)?.Value;

    [Fact]
    public void Count_countcolumn_sum_avg_min_and_max_answer_as_the_documentation_shows()
    {
        var row = Assert.Single(Fetch(
            "<attribute name='numberofemployees' alias='Average' aggregate='avg' />"
            + "<attribute name='numberofemployees' alias='Count' aggregate='count' />"
            + "<attribute name='numberofemployees' alias='ColumnCount' aggregate='countcolumn' />"
            + "<attribute name='numberofemployees' alias='Maximum' aggregate='max' />"
            + "<attribute name='numberofemployees' alias='Minimum' aggregate='min' />"
            + "<attribute name='numberofemployees' alias='Sum' aggregate='sum' />"));

        Assert.Equal(3911, Value(row, "Average"));
        Assert.Equal(10, Value(row, "Count"));
        Assert.Equal(9, Value(row, "ColumnCount"));
        Assert.Equal(6200, Value(row, "Maximum"));
        Assert.Equal(1500, Value(row, "Minimum"));
        Assert.Equal(35200, Value(row, "Sum"));
        var aliased = row.GetAttributeValue<AliasedValue>("Sum");
        Assert.Equal(("account", "numberofemployees"), (aliased.EntityLogicalName, aliased.AttributeLogicalName));
    }

    [Fact]
    public void Countcolumn_distinct_counts_unique_values()
    {
        var row = Assert.Single(Fetch("<attribute name='numberofemployees' alias='ColumnCount' aggregate='countcolumn' distinct='true' />"));

        Assert.Equal(8, Value(row, "ColumnCount"));
    }

    [Fact]
    public void Groupby_makes_a_row_per_value_ordered_by_alias_with_null_first()
    {
        var rows = Fetch(
            "<attribute name='numberofemployees' alias='Total' aggregate='sum' />"
            + "<attribute name='address1_city' alias='Count' aggregate='count' />"
            + "<attribute name='address1_city' alias='City' groupby='true' />"
            + "<order alias='City' />");

        Assert.Equal(
            [(null, 0, 1), ("Dallas", 6000, 1), ("Los Angeles", 2900, 1), ("Lynnwood", 2700, 1), ("Missoula", 4800, 1), ("Phoenix", 3900, 1), ("Redmond", 10600, 3), ("Santa Cruz", 4300, 1)],
            rows.Select(r => ((string?)Value(r, "City"), (int)Value(r, "Total")!, (int)Value(r, "Count")!)));
    }

    [Fact]
    public void Dates_group_by_day_week_month_and_year()
    {
        var rows = Fetch(
            "<attribute name='numberofemployees' alias='Total' aggregate='sum' />"
            + "<attribute name='createdon' alias='Day' groupby='true' dategrouping='day' />"
            + "<attribute name='createdon' alias='Week' groupby='true' dategrouping='week' />"
            + "<attribute name='createdon' alias='Month' groupby='true' dategrouping='month' />"
            + "<attribute name='createdon' alias='Quarter' groupby='true' dategrouping='quarter' />"
            + "<attribute name='createdon' alias='Year' groupby='true' dategrouping='year' />"
            + "<order alias='Month' />");

        Assert.Equal(
            [(35200, 25, 12, 3, 1, 2023), (0, 27, 35, 8, 3, 2023)],
            rows.Select(r => ((int)Value(r, "Total")!, (int)Value(r, "Day")!, (int)Value(r, "Week")!, (int)Value(r, "Month")!, (int)Value(r, "Quarter")!, (int)Value(r, "Year")!)));
    }

    [Fact]
    public void Date_grouping_uses_the_users_time_zone_unless_told_not_to()
    {
        org.TimeZone = TimeZoneInfo.CreateCustomTimeZone("UTC+13", TimeSpan.FromHours(13), "UTC+13", "UTC+13");

        var local = Fetch("<attribute name='createdon' alias='Day' groupby='true' dategrouping='day' /><order alias='Day' />");
        var utc = Fetch("<attribute name='createdon' alias='Day' groupby='true' dategrouping='day' usertimezone='false' /><order alias='Day' />");

        Assert.Equal([26, 28], local.Select(r => (int)Value(r, "Day")!));
        Assert.Equal([25, 27], utc.Select(r => (int)Value(r, "Day")!));
    }

    [Fact]
    public void Sums_of_money_are_money()
    {
        org.Initialize(new Entity("opportunity") { ["estimatedvalue"] = new Money(10.5m) }, new Entity("opportunity") { ["estimatedvalue"] = new Money(2m) });

        var row = Assert.Single(org.GetOrganizationService().RetrieveMultiple(new FetchExpression(
            "<fetch aggregate='true'><entity name='opportunity'><attribute name='estimatedvalue' alias='total' aggregate='sum' /></entity></fetch>")).Entities);

        Assert.Equal(12.5m, ((Money)Value(row, "total")!).Value);
    }

    [Fact]
    public void Aggregates_can_use_columns_of_linked_tables()
    {
        org.Initialize(
            new Entity("contact") { ["fullname"] = "Ada", ["parentcustomerid"] = new EntityReference("account", org.CreateQuery("account").First(a => (string)a["name"] == "Coho Winery (sample)").Id) });

        var row = Assert.Single(Fetch(
            "<attribute name='accountid' alias='accounts' aggregate='count' />"
            + "<link-entity name='contact' from='parentcustomerid' to='accountid' alias='c'><attribute name='fullname' alias='who' groupby='true' /></link-entity>"));

        Assert.Equal((1, "Ada"), ((int)Value(row, "accounts")!, (string)Value(row, "who")!));
    }

    [Fact]
    public void An_aggregate_over_no_rows_is_one_row_with_a_count_of_zero()
    {
        var row = Assert.Single(Fetch(
            "<attribute name='accountid' alias='n' aggregate='count' /><filter><condition attribute='name' operator='eq' value='nobody' /></filter>"));

        Assert.Equal(0, Value(row, "n"));
    }

    [Fact]
    public void More_rows_than_the_aggregate_limit_are_refused_with_Dataverses_fault()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Fetch("<attribute name='accountid' alias='n' aggregate='count' />", "aggregatelimit='9'"));

        Assert.Equal(OrganizationErrorCodes.AggregateQueryRecordLimitExceeded, fault.Detail.ErrorCode);
        Assert.StartsWith("AggregateQueryRecordLimit exceeded. Cannot perform this operation.", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<attribute name='name' />", "needs an alias")]
    [InlineData("<attribute name='name' alias='n' />", "needs either aggregate")]
    [InlineData("<attribute name='name' alias='n' aggregate='median' />", "is not an aggregate function")]
    [InlineData("<attribute name='name' alias='n' aggregate='sum' />", "applies to number and currency columns")]
    [InlineData("<attribute name='name' alias='n' groupby='true' /><order attribute='name' />", "orders by the alias")]
    public void A_malformed_aggregate_query_is_a_fault_saying_what_to_write(string body, string expected)
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Fetch(body));

        Assert.Contains(expected, fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fiscal_date_grouping_is_refused_by_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => Fetch("<attribute name='createdon' alias='p' groupby='true' dategrouping='fiscal-period' />"));

        Assert.Contains("fiscal-period", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryExpression_aggregates_with_attribute_expressions_as_FetchXML_does()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet() };
        query.ColumnSet.AttributeExpressions.Add(new XrmAttributeExpression("numberofemployees", XrmAggregateType.Sum, "Total"));
        query.ColumnSet.AttributeExpressions.Add(new XrmAttributeExpression("address1_city", XrmAggregateType.Count, "Count"));
        query.ColumnSet.AttributeExpressions.Add(new XrmAttributeExpression("address1_city", XrmAggregateType.None, "City") { HasGroupBy = true });
        query.Orders.Add(new OrderExpression { Alias = "City", OrderType = OrderType.Descending });

        var first = org.GetOrganizationService().RetrieveMultiple(query).Entities[0];

        Assert.Equal(("Santa Cruz", 4300, 1), ((string)Value(first, "City")!, (int)Value(first, "Total")!, (int)Value(first, "Count")!));
    }

    [Fact]
    public void An_aggregate_expression_without_an_alias_is_a_fault()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet() };
        query.ColumnSet.AttributeExpressions.Add(new XrmAttributeExpression("numberofemployees", XrmAggregateType.Sum));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().RetrieveMultiple(query));

        Assert.Contains("needs an Alias", fault.Message, StringComparison.Ordinal);
    }
}
