using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class FormattedValueTests
{
    private readonly LocalOrganization org = new();
    private readonly Guid contoso = Guid.NewGuid();

    public FormattedValueTests()
    {
        org.RegisterOptionLabels("contact", "preferredcontactmethodcode", new Dictionary<int, string> { [1] = "Any", [2] = "Email", [3] = "Phone" });
        org.RegisterOptionLabels("contact", "new_channels", new Dictionary<int, string> { [1] = "Email", [2] = "Phone" });
        org.Initialize(new Entity("account", contoso) { ["name"] = "Contoso" });
    }

    private Entity Retrieve(Entity seeded, params string[] columns)
    {
        org.Initialize(seeded);
        var id = org.CreateQuery(seeded.LogicalName).Last().Id;
        return org.GetOrganizationService().Retrieve(seeded.LogicalName, id, new ColumnSet(columns));
    }

    [Fact]
    public void A_lookup_comes_back_with_the_referenced_rows_name_as_its_Name_and_formatted_value()
    {
        var row = Retrieve(new Entity("contact") { ["parentcustomerid"] = new EntityReference("account", contoso) }, "parentcustomerid");

        Assert.Equal("Contoso", row.GetAttributeValue<EntityReference>("parentcustomerid").Name);
        Assert.Equal("Contoso", row.FormattedValues["parentcustomerid"]);
    }

    [Fact]
    public void A_choice_with_registered_labels_is_formatted_with_its_label()
    {
        var row = Retrieve(new Entity("contact") { ["preferredcontactmethodcode"] = new OptionSetValue(2), ["new_channels"] = new OptionSetValueCollection([new OptionSetValue(1), new OptionSetValue(2)]) }, "preferredcontactmethodcode", "new_channels");

        Assert.Equal("Email", row.FormattedValues["preferredcontactmethodcode"]);
        Assert.Equal("Email; Phone", row.FormattedValues["new_channels"]);
    }

    [Fact]
    public void A_choice_without_registered_labels_has_no_formatted_value()
    {
        var row = Retrieve(new Entity("contact") { ["new_tier"] = new OptionSetValue(2) }, "new_tier");

        Assert.False(row.FormattedValues.ContainsKey("new_tier"));
    }

    [Fact]
    public void Money_yes_no_and_dates_are_formatted_in_the_users_culture_and_time_zone()
    {
        org.TimeZone = TimeZoneInfo.CreateCustomTimeZone("UTC-05", TimeSpan.FromHours(-5), "UTC-05", "UTC-05");
        var row = Retrieve(
            new Entity("opportunity") { ["estimatedvalue"] = new Money(1234.5m), ["isrevenuesystemcalculated"] = true, ["estimatedclosedate"] = new DateTime(2024, 3, 13, 15, 0, 0, DateTimeKind.Utc) },
            "estimatedvalue", "isrevenuesystemcalculated", "estimatedclosedate");

        Assert.Equal("$1,234.50", row.FormattedValues["estimatedvalue"]);
        Assert.Equal("Yes", row.FormattedValues["isrevenuesystemcalculated"]);
        Assert.Equal("3/13/2024 10:00 AM", row.FormattedValues["estimatedclosedate"]);
    }

    [Fact]
    public void Linked_columns_are_formatted_under_their_aliased_names()
    {
        org.Initialize(new Entity("contact") { ["fullname"] = "Ada", ["preferredcontactmethodcode"] = new OptionSetValue(3), ["parentcustomerid"] = new EntityReference("account", contoso) });
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("contact", "accountid", "parentcustomerid");
        link.EntityAlias = "c";
        link.Columns = new ColumnSet("preferredcontactmethodcode");

        var row = Assert.Single(org.GetOrganizationService().RetrieveMultiple(query).Entities);

        Assert.Equal("Phone", row.FormattedValues["c.preferredcontactmethodcode"]);
    }

    [Fact]
    public void Queries_sort_a_choice_with_labels_by_label_as_Dataverse_does()
    {
        org.RegisterOptionLabels("account", "new_tier", new Dictionary<int, string> { [1] = "Gold", [2] = "Bronze", [3] = "Silver" });
        org.Initialize(
            new Entity("account") { ["name"] = "gold", ["new_tier"] = new OptionSetValue(1) },
            new Entity("account") { ["name"] = "silver", ["new_tier"] = new OptionSetValue(3) },
            new Entity("account") { ["name"] = "bronze", ["new_tier"] = new OptionSetValue(2) });
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("new_tier", ConditionOperator.NotNull);
        query.AddOrder("new_tier", OrderType.Ascending);

        var names = org.GetOrganizationService().RetrieveMultiple(query).Entities.Select(e => e["name"]);

        Assert.Equal(["bronze", "gold", "silver"], names);
    }

    [Fact]
    public void Useraworderby_sorts_a_choice_by_its_values()
    {
        org.RegisterOptionLabels("account", "new_tier", new Dictionary<int, string> { [1] = "Gold", [2] = "Bronze", [3] = "Silver" });
        org.Initialize(
            new Entity("account") { ["name"] = "gold", ["new_tier"] = new OptionSetValue(1) },
            new Entity("account") { ["name"] = "silver", ["new_tier"] = new OptionSetValue(3) },
            new Entity("account") { ["name"] = "bronze", ["new_tier"] = new OptionSetValue(2) });

        var names = org.GetOrganizationService().RetrieveMultiple(new FetchExpression(
            "<fetch useraworderby='true'><entity name='account'><attribute name='name' /><filter><condition attribute='new_tier' operator='not-null' /></filter>"
            + "<order attribute='new_tier' /></entity></fetch>")).Entities.Select(e => e["name"]);

        Assert.Equal(["gold", "bronze", "silver"], names);
    }

    [Fact]
    public void Images_carry_lookup_names_and_formatted_values_too()
    {
        var marker = Guid.NewGuid().ToString("N");
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Update", "contact", 40)
        {
            UnsecureConfiguration = marker,
            Images = [new ImageRegistration("pre", ImageKind.Pre, "parentcustomerid", "preferredcontactmethodcode")],
        });
        var id = org.GetOrganizationService().Create(new Entity("contact")
        {
            ["parentcustomerid"] = new EntityReference("account", contoso),
            ["preferredcontactmethodcode"] = new OptionSetValue(3),
        });

        org.GetOrganizationService().Update(new Entity("contact", id) { ["fullname"] = "Ada" });

        var pre = Assert.Single(Seen.For(marker)).PreEntityImages["pre"];
        Assert.Equal("Contoso", pre.GetAttributeValue<EntityReference>("parentcustomerid").Name);
        Assert.Equal("Phone", pre.FormattedValues["preferredcontactmethodcode"]);
    }
}
