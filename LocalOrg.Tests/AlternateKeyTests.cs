using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class AlternateKeyTests
{
    private readonly LocalOrganization org = new();
    private readonly IOrganizationService service;
    private readonly Guid contoso;

    public AlternateKeyTests()
    {
        service = org.GetOrganizationService();
        org.RegisterAlternateKey("account", "new_accountnumberkey", "accountnumber");
        contoso = service.Create(new Entity("account") { ["name"] = "Contoso", ["accountnumber"] = "A-1" });
    }

    private Entity RetrieveByKey(EntityReference target) =>
        ((RetrieveResponse)service.Execute(new RetrieveRequest { Target = target, ColumnSet = new ColumnSet("name") })).Entity;

    [Fact]
    public void Retrieve_finds_the_row_by_its_alternate_key()
    {
        var row = RetrieveByKey(new EntityReference("account", "accountnumber", "a-1"));

        Assert.Equal(contoso, row.Id);
        Assert.Equal("Contoso", row["name"]);
    }

    [Fact]
    public void Retrieve_by_a_key_value_no_row_has_says_the_record_does_not_exist()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => RetrieveByKey(new EntityReference("account", "accountnumber", "A-2")));

        Assert.Equal(OrganizationErrorCodes.ObjectDoesNotExist, fault.Detail.ErrorCode);
        Assert.Equal("A record with the specified key values does not exist in account entity (accountnumber:A-2).", fault.Message);
    }

    [Fact]
    public void Retrieve_by_columns_that_are_no_key_is_refused_naming_the_tables_keys()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => RetrieveByKey(new EntityReference("account", "name", "Contoso")));

        Assert.Equal(OrganizationErrorCodes.InvalidArgument, fault.Detail.ErrorCode);
        Assert.StartsWith("The specified key attributes are not a defined key for the account entity", fault.Message, StringComparison.Ordinal);
        Assert.Contains("new_accountnumberkey (accountnumber)", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retrieve_by_key_on_a_table_without_keys_is_refused_rather_than_answered_does_not_exist()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => RetrieveByKey(new EntityReference("contact", "emailaddress1", "ada@example.com")));

        Assert.Equal(OrganizationErrorCodes.InvalidArgument, fault.Detail.ErrorCode);
        Assert.Contains("it has none", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_names_the_row_by_its_alternate_key()
    {
        service.Update(new Entity("account", "accountnumber", "A-1") { ["name"] = "Contoso Ltd" });

        Assert.Equal("Contoso Ltd", org.Find("account", contoso)!["name"]);
    }

    [Fact]
    public void A_key_of_several_columns_needs_all_of_them()
    {
        org.RegisterAlternateKey("contact", "new_namekey", "firstname", "lastname");
        var ada = service.Create(new Entity("contact") { ["firstname"] = "Ada", ["lastname"] = "Lovelace" });
        service.Create(new Entity("contact") { ["firstname"] = "Ada", ["lastname"] = "Byron" });
        var keys = new KeyAttributeCollection { ["firstname"] = "Ada", ["lastname"] = "Lovelace" };

        var row = RetrieveByKey(new EntityReference("contact", keys));

        Assert.Equal(ada, row.Id);
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => RetrieveByKey(new EntityReference("contact", "firstname", "Ada")));
    }

    [Fact]
    public void Upsert_updates_the_row_its_key_names()
    {
        var response = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("account", "accountnumber", "A-1") { ["name"] = "Contoso Ltd" } });

        Assert.False(response.RecordCreated);
        Assert.Equal(contoso, response.Target.Id);
        Assert.Equal("Contoso Ltd", org.Find("account", contoso)!["name"]);
        Assert.Equal(1, org.Count("account"));
    }

    [Fact]
    public void Upsert_creates_a_row_with_the_keys_values_when_none_has_them()
    {
        var response = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("account", "accountnumber", "A-2") { ["name"] = "Fabrikam" } });

        Assert.True(response.RecordCreated);
        var created = org.Find("account", response.Target.Id)!;
        Assert.Equal(("A-2", "Fabrikam"), (created["accountnumber"], created["name"]));
    }

    [Fact]
    public void Upsert_by_id_creates_the_row_with_that_id_when_it_does_not_exist()
    {
        var id = Guid.NewGuid();

        var response = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("account", id) { ["name"] = "Northwind" } });

        Assert.True(response.RecordCreated);
        Assert.Equal(id, response.Target.Id);
        Assert.Equal("Northwind", org.Find("account", id)!["name"]);
    }

    [Fact]
    public void Upsert_runs_the_create_or_update_steps_of_what_it_does()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(StampDescriptionPlugin), "Update", "account", 20));

        service.Execute(new UpsertRequest { Target = new Entity("account", "accountnumber", "A-1") { ["name"] = "Contoso Ltd" } });

        Assert.Equal("stamped", org.Find("account", contoso)!["description"]);
    }

    [Fact]
    public void Delete_names_the_row_by_its_alternate_key()
    {
        service.Execute(new DeleteRequest { Target = new EntityReference("account", "accountnumber", "A-1") });

        Assert.Null(org.Find("account", contoso));
    }

    [Theory]
    [InlineData("Create")]
    [InlineData("Update")]
    public void Two_rows_can_not_share_the_values_of_an_alternate_key(string message)
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
        {
            if (message == "Create")
            {
                service.Create(new Entity("account") { ["accountnumber"] = "A-1 " });
            }
            else
            {
                var other = service.Create(new Entity("account") { ["accountnumber"] = "B-1" });
                service.Update(new Entity("account", other) { ["accountnumber"] = "a-1" });
            }
        });

        Assert.Equal(OrganizationErrorCodes.DuplicateRecordEntityKey, fault.Detail.ErrorCode);
        Assert.Contains("The entity key new_accountnumberkey requires that this set of attributes contains unique values.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_with_key_attributes_is_refused_pointing_to_upsert()
    {
        var error = Assert.Throws<NotSupportedException>(() => service.Create(new Entity("account", "accountnumber", "A-9")));

        Assert.Contains("Upsert", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lookup_written_by_alternate_key_points_at_the_row_with_those_values()
    {
        var id = service.Create(new Entity("contact") { ["parentcustomerid"] = new EntityReference("account", "accountnumber", "A-1") });

        Assert.Equal(contoso, org.Find("contact", id)!.GetAttributeValue<EntityReference>("parentcustomerid").Id);
    }

    [Fact]
    public void A_lookup_written_by_a_key_value_no_row_has_fails_instead_of_pointing_nowhere()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            service.Create(new Entity("contact") { ["parentcustomerid"] = new EntityReference("account", "accountnumber", "Z-9") }));

        Assert.Equal(OrganizationErrorCodes.ObjectDoesNotExist, fault.Detail.ErrorCode);
        Assert.Equal(0, org.Count("contact"));
    }
}
