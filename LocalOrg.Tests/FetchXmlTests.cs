using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class FetchXmlTests
{
    /// <summary>FetchXmlParser.MaxDepth: how deep LocalOrg reads FetchXML elements (fetch is 1, entity 2).</summary>
    private const int DepthLimit = 64;

    private readonly LocalOrganization org = new();
    private readonly Guid contoso = Guid.NewGuid();

    public FetchXmlTests()
    {
        org.Initialize(
            new Entity("account", contoso) { ["name"] = "Contoso" },
            new Entity("contact") { ["fullname"] = "Ada", ["emailaddress1"] = "ada@example.com", ["numberofchildren"] = 1, ["parentcustomerid"] = new EntityReference("account", contoso) },
            new Entity("contact") { ["fullname"] = "Grace", ["emailaddress1"] = "grace@example.com", ["numberofchildren"] = 3 },
            new Entity("contact") { ["fullname"] = "Alan", ["emailaddress1"] = "alan@example.com", ["numberofchildren"] = 5, ["statecode"] = new OptionSetValue(1) });
    }

    private EntityCollection Fetch(string xml) => org.GetOrganizationService().RetrieveMultiple(new FetchExpression(xml));

    private string[] Names(string xml) => Fetch(xml).Entities.Select(e => e.GetAttributeValue<string>("fullname")).ToArray();

    [Fact]
    public void Fetch_with_attributes_filter_and_order()
    {
        var names = Names("""
            <fetch>
              <entity name="contact">
                <attribute name="fullname" />
                <filter type="and">
                  <condition attribute="statecode" operator="eq" value="0" />
                  <filter type="or">
                    <condition attribute="emailaddress1" operator="eq" value="ADA@example.com " />
                    <condition attribute="numberofchildren" operator="ge" value="3" />
                  </filter>
                </filter>
                <order attribute="fullname" descending="true" />
              </entity>
            </fetch>
            """);

        Assert.Equal(["Grace", "Ada"], names);
    }

    [Fact]
    public void Fetch_top_caps_the_rows()
    {
        var result = Fetch("""<fetch top="2"><entity name="contact"><attribute name="fullname" /><order attribute="fullname" /></entity></fetch>""");

        Assert.Equal(["Ada", "Alan"], result.Entities.Select(e => e["fullname"]));
        Assert.False(result.MoreRecords);
    }

    [Fact]
    public void Fetch_count_and_page_page_through_the_rows()
    {
        var second = Fetch("""<fetch count="2" page="2"><entity name="contact"><attribute name="fullname" /><order attribute="fullname" /></entity></fetch>""");

        Assert.Equal(["Grace"], second.Entities.Select(e => e["fullname"]));
        Assert.False(second.MoreRecords);
    }

    [Fact]
    public void Fetch_in_and_between_take_value_children()
    {
        Assert.Equal(["Ada", "Alan"], Names("""
            <fetch><entity name="contact"><attribute name="fullname" />
              <filter><condition attribute="emailaddress1" operator="in"><value>ada@example.com</value><value>ALAN@example.com</value></condition></filter>
            </entity></fetch>
            """));
        Assert.Equal(["Grace", "Alan"], Names("""
            <fetch><entity name="contact"><attribute name="fullname" />
              <filter><condition attribute="numberofchildren" operator="between"><value>2</value><value>5</value></condition></filter>
            </entity></fetch>
            """));
        Assert.Equal(["Ada"], Names("""
            <fetch><entity name="contact"><attribute name="fullname" />
              <filter><condition attribute="numberofchildren" operator="not-in"><value>3</value><value>5</value></condition></filter>
            </entity></fetch>
            """));
    }

    [Fact]
    public void Fetch_like_and_null_operators()
    {
        Assert.Equal(["Ada", "Alan"], Names("""<fetch><entity name="contact"><attribute name="fullname" /><filter><condition attribute="fullname" operator="like" value="a%" /></filter></entity></fetch>"""));
        Assert.Equal(["Grace", "Alan"], Names("""<fetch><entity name="contact"><attribute name="fullname" /><filter><condition attribute="parentcustomerid" operator="null" /></filter></entity></fetch>"""));
        Assert.Equal(["Grace"], Names("""<fetch><entity name="contact"><attribute name="fullname" /><filter><condition attribute="fullname" operator="not-begin-with" value="a" /></filter></entity></fetch>"""));
    }

    [Fact]
    public void Fetch_lookup_condition_takes_a_guid_string()
    {
        Assert.Equal(["Ada"], Names($$"""<fetch><entity name="contact"><attribute name="fullname" /><filter><condition attribute="parentcustomerid" operator="eq" value="{{contoso.ToString().ToUpperInvariant()}}" /></filter></entity></fetch>"""));
    }

    [Fact]
    public void Fetch_link_entity_with_alias_outer_join_and_nested_filter()
    {
        var result = Fetch("""
            <fetch>
              <entity name="contact">
                <attribute name="fullname" />
                <order attribute="fullname" />
                <link-entity name="account" from="accountid" to="parentcustomerid" alias="a" link-type="outer">
                  <attribute name="name" />
                  <filter><condition attribute="name" operator="eq" value="contoso" /></filter>
                </link-entity>
              </entity>
            </fetch>
            """);

        Assert.Equal(["Ada", "Alan", "Grace"], result.Entities.Select(e => e["fullname"]));
        Assert.Equal("Contoso", result.Entities[0].GetAttributeValue<AliasedValue>("a.name").Value);
        Assert.False(result.Entities[1].Contains("a.name"));
    }

    [Fact]
    public void Fetch_all_attributes_and_distinct()
    {
        var all = Fetch("""<fetch top="1"><entity name="contact"><all-attributes /><order attribute="fullname" /></entity></fetch>""").Entities.Single();
        var distinct = Fetch("""<fetch distinct="true"><entity name="contact"><attribute name="statecode" /><order attribute="statecode" /></entity></fetch>""");

        Assert.Equal("ada@example.com", all["emailaddress1"]);
        Assert.Equal([0, 1], distinct.Entities.Select(e => e.GetAttributeValue<OptionSetValue>("statecode").Value));
    }

    [Theory]
    [InlineData("<fetch><entity name=\"contact\"></fetch>", "not well-formed XML")]
    [InlineData("<query><entity name=\"contact\" /></query>", "starts with <fetch>")]
    [InlineData("<fetch><entity /></fetch>", "missing its 'name'")]
    [InlineData("<fetch><entity name=\"contact\"><filter><condition operator=\"eq\" value=\"x\" /></filter></entity></fetch>", "missing its 'attribute'")]
    [InlineData("<fetch><entity name=\"contact\"><filter><condition attribute=\"fullname\" operator=\"equals\" value=\"x\" /></filter></entity></fetch>", "\"equals\" is not a FetchXML condition operator")]
    [InlineData("<fetch><entity name=\"contact\"><filter><condition attribute=\"fullname\" operator=\"eq\" /></filter></entity></fetch>", "has no value")]
    [InlineData("<fetch><entity name=\"contact\"><filter type=\"xor\" /></entity></fetch>", "use type=\"and\" or type=\"or\"")]
    [InlineData("<fetch top=\"2\" count=\"2\"><entity name=\"contact\" /></fetch>", "both top and count")]
    [InlineData("<fetch><entity name=\"contact\"><attribute name=\"fullname\" alais=\"n\" /></entity></fetch>", "unknown attribute 'alais'")]
    [InlineData("<fetch><entity name=\"contact\"><link-entity name=\"account\" to=\"parentcustomerid\" /></entity></fetch>", "missing its 'from'")]
    [InlineData("<fetch><entity name=\"contact\"><link-entity name=\"account\" from=\"accountid\" to=\"parentcustomerid\" link-type=\"left\" /></entity></fetch>", "use \"inner\" or \"outer\"")]
    public void Malformed_fetchxml_is_refused_saying_what_to_fix(string xml, string expected)
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Fetch(xml));

        Assert.Contains(expected, fault.Message, StringComparison.Ordinal);
        Assert.Equal(OrganizationErrorCodes.InvalidArgument, fault.Detail.ErrorCode);
    }

    // Issue 10: a rule with 50,000 nested filters killed the replay process with a stack overflow.
    [Theory]
    [InlineData("<filter>", "</filter>", "<condition attribute=\"fullname\" operator=\"eq\" value=\"Ada\" />")]
    [InlineData("<link-entity name=\"account\" from=\"accountid\" to=\"parentcustomerid\">", "</link-entity>", "")]
    public void Nesting_deeper_than_the_limit_is_refused_with_a_fault_not_a_stack_overflow(string open, string close, string inner)
    {
        const int levels = 50_000;
        var xml = "<fetch><entity name=\"contact\">" + string.Concat(Enumerable.Repeat(open, levels)) + inner
            + string.Concat(Enumerable.Repeat(close, levels)) + "</entity></fetch>";

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Fetch(xml));

        Assert.Contains($"is nested more than {DepthLimit} elements deep; LocalOrg reads FetchXML at most {DepthLimit} deep", fault.Message, StringComparison.Ordinal);
        Assert.Equal(OrganizationErrorCodes.InvalidArgument, fault.Detail.ErrorCode);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var levels = DepthLimit - 3; // fetch, entity, the filters, condition
        var xml = "<fetch><entity name=\"contact\"><attribute name=\"fullname\" />" + string.Concat(Enumerable.Repeat("<filter>", levels))
            + "<condition attribute=\"fullname\" operator=\"eq\" value=\"Ada\" />" + string.Concat(Enumerable.Repeat("</filter>", levels)) + "</entity></fetch>";

        Assert.Equal(["Ada"], Names(xml));
    }

    [Fact]
    public void A_valid_but_unsupported_operator_is_named()
    {
        var error = Assert.Throws<NotSupportedException>(() => Fetch("""<fetch><entity name="contact"><filter><condition attribute="createdon" operator="last-x-fiscal-years" value="3" /></filter></entity></fetch>"""));

        Assert.Contains("last-x-fiscal-years", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aggregate_attribute_outside_an_aggregate_query_is_a_fault()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Fetch("""<fetch><entity name="contact"><attribute name="contactid" aggregate="count" alias="n" /></entity></fetch>"""));

        Assert.Contains("<fetch aggregate=\"true\">", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fetch_query_is_recorded_as_FetchXml_with_its_row_cap()
    {
        Fetch("""<fetch top="2"><entity name="contact"><attribute name="fullname" /></entity></fetch>""");

        Assert.Equal(1, org.Counters.Queries);
        Assert.Equal(2, org.Counters.RowsRead);
    }
}
