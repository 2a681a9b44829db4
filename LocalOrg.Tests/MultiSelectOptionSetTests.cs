using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class MultiSelectOptionSetTests
{
    private const int Email = 1;
    private const int Phone = 2;
    private const int Chat = 3;
    private readonly LocalOrganization org = new();

    public MultiSelectOptionSetTests()
    {
        org.Initialize(
            Contact("email and phone", Email, Phone),
            Contact("chat only", Chat),
            Contact("no preference"),
            new Entity("contact") { ["fullname"] = "never asked" });
    }

    private static Entity Contact(string name, params int[] channels) =>
        new("contact") { ["fullname"] = name, ["new_channels"] = new OptionSetValueCollection(channels.Select(c => new OptionSetValue(c)).ToList()) };

    private string[] Names(QueryBase query) =>
        org.GetOrganizationService().RetrieveMultiple(query).Entities.Select(e => (string)e["fullname"]).ToArray();

    [Fact]
    public void Contain_values_keeps_rows_holding_any_of_the_options()
    {
        var fetch = new FetchExpression(
            "<fetch><entity name='contact'><attribute name='fullname' /><filter>"
            + "<condition attribute='new_channels' operator='contain-values'><value>2</value><value>3</value></condition>"
            + "</filter></entity></fetch>");

        Assert.Equal(["email and phone", "chat only"], Names(fetch));
    }

    [Fact]
    public void Not_contain_values_keeps_rows_holding_none_of_them_and_never_rows_without_a_value()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AddCondition("new_channels", ConditionOperator.DoesNotContainValues, Chat);

        Assert.Equal(["email and phone", "no preference"], Names(query));
    }

    [Fact]
    public void The_values_read_back_as_an_option_set_value_collection()
    {
        var row = org.GetOrganizationService().RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet("new_channels"), TopCount = 1 }).Entities[0];

        Assert.Equal([Email, Phone], row.GetAttributeValue<OptionSetValueCollection>("new_channels").Select(o => o.Value));
    }
}
