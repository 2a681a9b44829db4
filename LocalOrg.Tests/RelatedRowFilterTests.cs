using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>
/// Link-entities inside a filter, with the examples of Microsoft's "Filter rows using FetchXml" page: contacts by the
/// accounts whose primary contact they are.
/// </summary>
public sealed class RelatedRowFilterTests
{
    private readonly LocalOrganization org = new();

    public RelatedRowFilterTests()
    {
        var ada = Guid.NewGuid();
        var grace = Guid.NewGuid();
        var alan = Guid.NewGuid();
        var edsger = Guid.NewGuid();
        org.Initialize(
            new Entity("contact", ada) { ["fullname"] = "Ada (Contoso's)" },
            new Entity("contact", grace) { ["fullname"] = "Grace (Contoso's and Fabrikam's)" },
            new Entity("contact", alan) { ["fullname"] = "Alan (Fabrikam's)" },
            new Entity("contact", edsger) { ["fullname"] = "Edsger (nobody's)", ["statecode"] = new OptionSetValue(1) },
            new Entity("account") { ["name"] = "Contoso", ["primarycontactid"] = new EntityReference("contact", ada) },
            new Entity("account") { ["name"] = "Contoso", ["primarycontactid"] = new EntityReference("contact", grace) },
            new Entity("account") { ["name"] = "Fabrikam", ["primarycontactid"] = new EntityReference("contact", grace) },
            new Entity("account") { ["name"] = "Fabrikam", ["primarycontactid"] = new EntityReference("contact", alan) });
    }

    private string[] Contacts(string linkType, string filterType = "and", string extraCondition = "") =>
        org.GetOrganizationService().RetrieveMultiple(new FetchExpression(
            $"<fetch><entity name='contact'><attribute name='fullname' /><filter type='{filterType}'>"
            + $"<link-entity name='account' from='primarycontactid' to='contactid' link-type='{linkType}'>"
            + "<filter><condition attribute='name' operator='eq' value='Contoso' /></filter></link-entity>"
            + extraCondition
            + "</filter></entity></fetch>")).Entities.Select(e => (string)e["fullname"]).ToArray();

    [Fact]
    public void Any_keeps_the_rows_that_some_related_row_matching_the_links_filter_points_at()
    {
        Assert.Equal(["Ada (Contoso's)", "Grace (Contoso's and Fabrikam's)"], Contacts("any"));
    }

    [Fact]
    public void Any_in_an_or_filter_is_one_condition_among_the_others()
    {
        var rows = Contacts("any", "or", "<condition attribute='statecode' operator='eq' value='1' />");

        Assert.Equal(["Ada (Contoso's)", "Grace (Contoso's and Fabrikam's)", "Edsger (nobody's)"], rows);
    }

    [Fact]
    public void Not_any_keeps_the_rows_no_related_row_matching_the_filter_points_at()
    {
        Assert.Equal(["Alan (Fabrikam's)", "Edsger (nobody's)"], Contacts("not any"));
    }

    [Fact]
    public void Not_all_is_the_same_as_any_as_Dataverse_documents()
    {
        Assert.Equal(Contacts("any"), Contacts("not all"));
    }

    [Fact]
    public void All_keeps_the_rows_with_related_rows_none_of_which_matches_the_filter_as_Dataverse_documents()
    {
        Assert.Equal(["Alan (Fabrikam's)"], Contacts("all"));
    }

    [Fact]
    public void QueryExpression_says_the_same_with_AnyAllFilterLinkEntity()
    {
        var related = new LinkEntity("contact", "account", "contactid", "primarycontactid", JoinOperator.Any);
        related.LinkCriteria.AddCondition("name", ConditionOperator.Equal, "Contoso");
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AnyAllFilterLinkEntity = related;

        var rows = org.GetOrganizationService().RetrieveMultiple(query).Entities.Select(e => (string)e["fullname"]);

        Assert.Equal(Contacts("any"), rows);
    }

    [Fact]
    public void A_link_entity_inside_a_filter_must_use_one_of_the_four_filter_link_types()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Contacts("inner"));

        Assert.Contains("must use link-type=\"any\", \"not any\", \"all\" or \"not all\"", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_any_link_outside_a_filter_is_refused_naming_where_it_goes()
    {
        var error = Assert.Throws<NotSupportedException>(() => org.GetOrganizationService().RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='contact'><link-entity name='account' from='primarycontactid' to='contactid' link-type='any' /></entity></fetch>")));

        Assert.Contains("inside a <filter>", error.Message, StringComparison.Ordinal);
    }
}
