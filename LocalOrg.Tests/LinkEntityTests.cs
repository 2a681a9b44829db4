using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class LinkEntityTests
{
    private readonly LocalOrganization org = new();
    private readonly Guid contoso = Guid.NewGuid();
    private readonly Guid fabrikam = Guid.NewGuid();

    public LinkEntityTests()
    {
        org.Initialize(
            new Entity("account", contoso) { ["name"] = "Contoso", ["accountnumber"] = "C-1" },
            new Entity("account", fabrikam) { ["name"] = "Fabrikam", ["statecode"] = new OptionSetValue(1) },
            new Entity("contact") { ["fullname"] = "Ada", ["parentcustomerid"] = new EntityReference("account", contoso) },
            new Entity("contact") { ["fullname"] = "Grace", ["parentcustomerid"] = new EntityReference("account", fabrikam) },
            new Entity("contact") { ["fullname"] = "Alan" });
    }

    private EntityCollection Run(QueryBase query) => org.GetOrganizationService().RetrieveMultiple(query);

    [Fact]
    public void An_inner_join_returns_linked_columns_as_aliased_values()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var link = query.AddLink("account", "parentcustomerid", "accountid");
        link.EntityAlias = "a";
        link.Columns = new ColumnSet("name", "accountnumber");
        query.AddOrder("fullname", OrderType.Ascending);

        var rows = Run(query).Entities;

        Assert.Equal(["Ada", "Grace"], rows.Select(r => r["fullname"]));
        var aliased = rows[0].GetAttributeValue<AliasedValue>("a.name");
        Assert.Equal(("account", "name", "Contoso"), (aliased.EntityLogicalName, aliased.AttributeLogicalName, (string)aliased.Value));
        Assert.Equal("C-1", rows[0].GetAttributeValue<AliasedValue>("a.accountnumber").Value);
        Assert.False(rows[1].Contains("a.accountnumber"));
    }

    [Fact]
    public void A_left_outer_join_keeps_rows_without_a_match()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var link = query.AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter);
        link.EntityAlias = "a";
        link.Columns = new ColumnSet("name");

        var rows = Run(query).Entities;

        Assert.Equal(["Ada", "Grace", "Alan"], rows.Select(r => r["fullname"]));
        Assert.False(rows[2].Contains("a.name"));
    }

    [Fact]
    public void Link_criteria_restrict_the_joined_rows()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var link = query.AddLink("account", "parentcustomerid", "accountid");
        link.LinkCriteria.AddCondition("statecode", ConditionOperator.Equal, 0);

        Assert.Equal(["Ada"], Run(query).Entities.Select(r => r["fullname"]));
    }

    [Fact]
    public void A_root_condition_can_name_a_link_alias_to_find_rows_without_a_match()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var link = query.AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter);
        link.EntityAlias = "a";
        query.Criteria.AddCondition("a", "accountid", ConditionOperator.Null);

        Assert.Equal(["Alan"], Run(query).Entities.Select(r => r["fullname"]));
    }

    [Fact]
    public void A_link_without_alias_gets_a_generated_one()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.AddLink("account", "parentcustomerid", "accountid").Columns = new ColumnSet("name");

        var row = Run(query).Entities[0];

        Assert.True(row.Contains("account1.name"));
    }

    [Fact]
    public void A_join_from_the_one_side_returns_one_row_per_match()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("contact", "accountid", "parentcustomerid");
        link.EntityAlias = "c";
        link.Columns = new ColumnSet("fullname");
        org.Initialize(new Entity("contact") { ["fullname"] = "Edsger", ["parentcustomerid"] = new EntityReference("account", contoso) });

        var rows = Run(query).Entities;

        Assert.Equal(["Ada", "Edsger", "Grace"], rows.Select(r => (string)r.GetAttributeValue<AliasedValue>("c.fullname").Value).OrderBy(n => n));
    }

    [Fact]
    public void An_unsupported_join_operator_is_refused_by_name()
    {
        var query = new QueryExpression("contact");
        query.AddLink("account", "parentcustomerid", "accountid", JoinOperator.Exists);

        var error = Assert.Throws<NotSupportedException>(() => Run(query));

        Assert.Contains("Exists", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15, 2)]
    [InlineData(16, -1)]
    public void A_query_joins_at_most_fifteen_link_entities(int links, int expectedRows)
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        for (var i = 0; i < links; i++)
        {
            query.AddLink("account", "parentcustomerid", "accountid").EntityAlias = $"a{i}";
        }

        if (expectedRows >= 0)
        {
            Assert.Equal(expectedRows, Run(query).Entities.Count);
            return;
        }

        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => Run(query));
        Assert.Equal(OrganizationErrorCodes.TooManyLinkEntitiesInQuery, fault.Detail.ErrorCode);
        Assert.StartsWith("Number of link entities in query exceeded maximum limit.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_link_entities_count_towards_the_fifteen()
    {
        var fetch = "<fetch><entity name='contact'><attribute name='fullname' />"
            + string.Concat(Enumerable.Repeat("<link-entity name='account' from='accountid' to='parentcustomerid'>", 8))
            + string.Concat(Enumerable.Repeat("</link-entity>", 8))
            + string.Concat(Enumerable.Range(0, 8).Select(i => $"<link-entity name='account' from='accountid' to='parentcustomerid' alias='b{i}' />"))
            + "</entity></fetch>";

        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => Run(new FetchExpression(fetch)));

        Assert.Equal(OrganizationErrorCodes.TooManyLinkEntitiesInQuery, fault.Detail.ErrorCode);
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(501, true)]
    public void A_query_holds_at_most_five_hundred_conditions_and_link_entities(int count, bool refused)
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter);
        var or = query.Criteria.AddFilter(LogicalOperator.Or);
        for (var i = 0; i < count - 1; i++)
        {
            or.AddCondition("fullname", ConditionOperator.Equal, $"name {i}");
        }

        if (!refused)
        {
            Assert.Empty(Run(query).Entities);
            return;
        }

        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => Run(query));
        Assert.Equal(OrganizationErrorCodes.TooManyConditionsInQuery, fault.Detail.ErrorCode);
        Assert.StartsWith("Number of conditions in query exceeded maximum limit.", fault.Message, StringComparison.Ordinal);
    }
}
