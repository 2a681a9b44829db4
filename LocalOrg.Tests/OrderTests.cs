using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class OrderTests
{
    // The ids run the other way from the names, so an order by id and an order by name differ.
    private static readonly Guid Zeta = new("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Alpha = new("ffffffff-0000-0000-0000-000000000002");
    private readonly LocalOrganization org = new();

    public OrderTests()
    {
        org.Initialize(
            new Entity("account", Zeta) { ["name"] = "Zeta Ltd" },
            new Entity("account", Alpha) { ["name"] = "Alpha Inc" },
            new Entity("contact") { ["fullname"] = "works at Zeta", ["parentcustomerid"] = new EntityReference("account", Zeta) },
            new Entity("contact") { ["fullname"] = "works nowhere" },
            new Entity("contact") { ["fullname"] = "works at Alpha", ["parentcustomerid"] = new EntityReference("account", Alpha) });
    }

    private string[] Names(QueryBase query) =>
        org.GetOrganizationService().RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("fullname")).ToArray();

    [Fact]
    public void Ordering_by_a_lookup_sorts_by_the_referenced_rows_primary_name()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.AddOrder("parentcustomerid", OrderType.Ascending);

        Assert.Equal(["works nowhere", "works at Alpha", "works at Zeta"], Names(query));
    }

    [Fact]
    public void Ordering_by_a_lookup_descending_in_fetchxml_sorts_by_name_too()
    {
        var fetch = new FetchExpression(
            "<fetch><entity name='contact'><attribute name='fullname' /><order attribute='parentcustomerid' descending='true' /></entity></fetch>");

        Assert.Equal(["works at Zeta", "works at Alpha", "works nowhere"], Names(fetch));
    }

    [Fact]
    public void A_lookup_sorts_by_the_primary_name_registered_for_its_table()
    {
        org.RegisterPrimaryName("new_project", "new_title");
        org.Initialize(
            new Entity("new_project", Zeta) { ["new_title"] = "b" },
            new Entity("new_project", Alpha) { ["new_title"] = "a" },
            new Entity("new_task") { ["fullname"] = "on b", ["new_projectid"] = new EntityReference("new_project", Zeta) },
            new Entity("new_task") { ["fullname"] = "on a", ["new_projectid"] = new EntityReference("new_project", Alpha) });
        var query = new QueryExpression("new_task") { ColumnSet = new ColumnSet("fullname") };
        query.AddOrder("new_projectid", OrderType.Ascending);

        Assert.Equal(["on a", "on b"], Names(query));
    }

    [Theory]
    [InlineData("contact", "fullname")]
    [InlineData("account", "name")]
    [InlineData("incident", "title")]
    [InlineData("task", "subject")]
    [InlineData("new_project", "new_name")]
    public void Tables_know_dataverses_primary_name_columns(string table, string primaryName) =>
        Assert.Equal(primaryName, org.PrimaryNameOf(table));

    [Fact]
    public void A_lookup_to_a_row_that_is_not_here_sorts_by_the_name_it_carries()
    {
        org.Initialize(new Entity("contact") { ["fullname"] = "works at Beta", ["parentcustomerid"] = new EntityReference("account", Guid.NewGuid()) { Name = "Beta" } });
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.AddOrder("parentcustomerid", OrderType.Ascending);

        Assert.Equal(["works nowhere", "works at Alpha", "works at Beta", "works at Zeta"], Names(query));
    }
}
