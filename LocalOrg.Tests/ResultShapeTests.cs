using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class ResultShapeTests
{
    private readonly LocalOrganization org = new();

    private EntityCollection Run(QueryBase query) => org.GetOrganizationService().RetrieveMultiple(query);

    private void Seed(int count)
    {
        org.Initialize(Enumerable.Range(1, count).Select(i => new Entity("contact") { ["fullname"] = $"Contact {i:D3}", ["numberofchildren"] = i % 3 }));
    }

    [Fact]
    public void Orders_sort_by_several_columns_with_nulls_first()
    {
        org.Initialize(
            new Entity("contact") { ["fullname"] = "b", ["jobtitle"] = "x" },
            new Entity("contact") { ["fullname"] = "a", ["jobtitle"] = "x" },
            new Entity("contact") { ["fullname"] = "c" },
            new Entity("contact") { ["fullname"] = "d", ["jobtitle"] = "Y" });
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.AddOrder("jobtitle", OrderType.Ascending);
        query.AddOrder("fullname", OrderType.Descending);

        Assert.Equal(["c", "b", "a", "d"], Run(query).Entities.Select(e => e["fullname"]));
    }

    [Fact]
    public void Without_an_order_rows_come_back_in_creation_order()
    {
        Seed(5);

        Assert.Equal(["Contact 001", "Contact 002", "Contact 003", "Contact 004", "Contact 005"],
            Run(new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") }).Entities.Select(e => e["fullname"]));
    }

    [Fact]
    public void TopCount_caps_the_rows_and_reports_no_more_records()
    {
        Seed(10);
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname"), TopCount = 2 };

        var result = Run(query);

        Assert.Equal(2, result.Entities.Count);
        Assert.False(result.MoreRecords);
    }

    [Fact]
    public void PageInfo_pages_through_the_rows_with_MoreRecords()
    {
        Seed(5);
        EntityCollection Page(int number)
        {
            var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
            query.PageInfo.Count = 2;
            query.PageInfo.PageNumber = number;
            return Run(query);
        }

        var first = Page(1);
        var third = Page(3);

        Assert.Equal(["Contact 001", "Contact 002"], first.Entities.Select(e => e["fullname"]));
        Assert.True(first.MoreRecords);
        Assert.Equal(["Contact 005"], third.Entities.Select(e => e["fullname"]));
        Assert.False(third.MoreRecords);
    }

    [Fact]
    public void TopCount_and_PageInfo_together_are_refused()
    {
        var query = new QueryExpression("contact") { TopCount = 2 };
        query.PageInfo.Count = 2;

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => Run(query));
    }

    [Fact]
    public void A_query_without_top_or_paging_returns_at_most_5000_rows_like_Dataverse()
    {
        Seed(5001);

        var result = Run(new QueryExpression("contact"));

        Assert.Equal(5000, result.Entities.Count);
        Assert.True(result.MoreRecords);
    }

    [Fact]
    public void Distinct_removes_duplicate_rows_of_the_returned_columns()
    {
        Seed(9);
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("numberofchildren"), Distinct = true };
        query.AddOrder("numberofchildren", OrderType.Ascending);

        var result = Run(query);

        Assert.Equal([0, 1, 2], result.Entities.Select(e => e["numberofchildren"]));
        Assert.All(result.Entities, e => Assert.Equal(Guid.Empty, e.Id));
    }

    [Fact]
    public void QueryByAttribute_matches_every_pair_with_order_and_top()
    {
        Seed(9);
        var query = new QueryByAttribute("contact") { ColumnSet = new ColumnSet("fullname"), TopCount = 2 };
        query.AddAttributeValue("numberofchildren", 1);
        query.AddOrder("fullname", OrderType.Descending);

        Assert.Equal(["Contact 007", "Contact 004"], Run(query).Entities.Select(e => e["fullname"]));
    }

    [Fact]
    public void QueryByAttribute_with_mismatched_attributes_and_values_is_refused()
    {
        var query = new QueryByAttribute("contact");
        query.Attributes.Add("fullname");

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => Run(query));
    }
}
