using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>Conditions that compare two columns, as Microsoft's "Filter rows" pages describe them (valueof, CompareColumns).</summary>
public sealed class ColumnComparisonTests
{
    private readonly LocalOrganization org = new();
    private readonly Guid contoso = Guid.NewGuid();

    public ColumnComparisonTests()
    {
        org.Initialize(
            new Entity("account", contoso) { ["name"] = "Ada Lovelace" },
            new Entity("contact") { ["fullname"] = "Ada Lovelace", ["firstname"] = "ada", ["lastname"] = "ADA", ["parentcustomerid"] = new EntityReference("account", contoso), ["numberofchildren"] = 3, ["new_limit"] = 2 },
            new Entity("contact") { ["fullname"] = "Grace Hopper", ["firstname"] = "Grace", ["lastname"] = "Hopper", ["parentcustomerid"] = new EntityReference("account", contoso), ["numberofchildren"] = 1, ["new_limit"] = 2 },
            new Entity("contact") { ["fullname"] = "Alan", ["firstname"] = "Alan" });
    }

    private string[] Fetch(string filter, string link = "") =>
        org.GetOrganizationService().RetrieveMultiple(new FetchExpression(
            $"<fetch><entity name='contact'><attribute name='fullname' /><filter>{filter}</filter>{link}</entity></fetch>"))
        .Entities.Select(e => (string)e["fullname"]).ToArray();

    [Fact]
    public void Valueof_compares_two_columns_of_the_same_row_under_the_collation()
    {
        Assert.Equal(["Ada Lovelace"], Fetch("<condition attribute='firstname' operator='eq' valueof='lastname' />"));
    }

    [Fact]
    public void Ne_never_matches_a_row_where_either_column_has_no_value()
    {
        Assert.Equal(["Grace Hopper"], Fetch("<condition attribute='firstname' operator='ne' valueof='lastname' />"));
    }

    [Fact]
    public void Numbers_compare_by_order()
    {
        Assert.Equal(["Ada Lovelace"], Fetch("<condition attribute='numberofchildren' operator='gt' valueof='new_limit' />"));
    }

    [Fact]
    public void FetchXML_compares_with_a_column_of_a_linked_table_by_its_alias()
    {
        var rows = Fetch(
            "<condition attribute='fullname' operator='eq' valueof='acct.name' />",
            "<link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer' alias='acct'><attribute name='name' /></link-entity>");

        Assert.Equal(["Ada Lovelace"], rows);
    }

    [Fact]
    public void QueryExpression_compares_columns_with_CompareColumns()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AddCondition("firstname", ConditionOperator.Equal, true, "lastname");

        var rows = org.GetOrganizationService().RetrieveMultiple(query).Entities.Select(e => e["fullname"]);

        Assert.Equal(["Ada Lovelace"], rows);
    }

    [Fact]
    public void Only_eq_ne_gt_ge_lt_and_le_compare_columns()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Fetch("<condition attribute='firstname' operator='like' valueof='lastname' />"));

        Assert.Contains("takes eq, ne, gt, ge, lt or le", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_of_different_types_can_not_be_compared()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Fetch("<condition attribute='firstname' operator='eq' valueof='numberofchildren' />"));

        Assert.Contains("the columns must be the same type", fault.Message, StringComparison.Ordinal);
    }
}
