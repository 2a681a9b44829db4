using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class StoreTests
{
    private readonly LocalOrganization org = new();

    [Fact]
    public void Create_assigns_an_id_and_sets_the_primary_key_column_and_defaults()
    {
        var service = org.GetOrganizationService();

        var id = service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });

        var row = org.Find("contact", id)!;
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal(id, row["contactid"]);
        Assert.Equal(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.Equal(DateTimeKind.Utc, row.GetAttributeValue<DateTime>("createdon").Kind);
        Assert.Equal(row["createdon"], row["modifiedon"]);
    }

    [Fact]
    public void Create_keeps_a_given_id_and_rejects_a_duplicate()
    {
        var service = org.GetOrganizationService();
        var id = Guid.NewGuid();

        Assert.Equal(id, service.Create(new Entity("account", id)));
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Create(new Entity("account", id)));

        Assert.Equal(OrganizationErrorCodes.DuplicateRecord, fault.Detail.ErrorCode);
    }

    [Fact]
    public void Activity_tables_are_keyed_by_activityid()
    {
        var id = org.GetOrganizationService().Create(new Entity("msdyn_ocliveworkitem") { ["subject"] = "chat" });

        var row = org.Find("msdyn_ocliveworkitem", id)!;
        Assert.Equal(id, row["activityid"]);
        Assert.False(row.Contains("msdyn_ocliveworkitemid"));
    }

    [Fact]
    public void A_registered_primary_key_is_used_for_that_table()
    {
        org.RegisterPrimaryKey("new_thing", "new_thingkey");

        var id = org.GetOrganizationService().Create(new Entity("new_thing"));

        Assert.Equal(id, org.Find("new_thing", id)!["new_thingkey"]);
    }

    [Fact]
    public void Retrieve_returns_only_the_requested_columns_and_the_key()
    {
        var id = org.GetOrganizationService().Create(new Entity("contact") { ["firstname"] = "Ada", ["lastname"] = "Lovelace" });

        var row = org.GetOrganizationService().Retrieve("contact", id, new ColumnSet("firstname"));

        Assert.Equal(["contactid", "firstname"], row.Attributes.Keys.OrderBy(k => k).ToArray());
        Assert.Equal(id, row.Id);
    }

    [Fact]
    public void Retrieve_with_all_columns_returns_every_column_with_a_value()
    {
        var id = org.GetOrganizationService().Create(new Entity("contact") { ["firstname"] = "Ada", ["lastname"] = null });

        var row = org.GetOrganizationService().Retrieve("contact", id, new ColumnSet(true));

        Assert.Equal("Ada", row["firstname"]);
        Assert.False(row.Contains("lastname"));
        Assert.True(row.Contains("statecode"));
    }

    [Fact]
    public void Retrieve_of_a_missing_row_fails_naming_the_table_and_id()
    {
        var id = Guid.NewGuid();

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().Retrieve("contact", id, new ColumnSet("fullname")));

        Assert.Equal($"contact With Id = {id} Does Not Exist", fault.Message);
        Assert.Equal(OrganizationErrorCodes.ObjectDoesNotExist, fault.Detail.ErrorCode);
    }

    // What code written for Dataverse reads from a fault: the detail's code, message and (UTC) timestamp.
    [Fact]
    public void Faults_carry_their_code_message_and_time_in_the_OrganizationServiceFault_detail()
    {
        var before = DateTime.UtcNow;

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().Delete("contact", Guid.NewGuid()));

        Assert.Equal(fault.Message, fault.Detail.Message);
        Assert.Equal(OrganizationErrorCodes.ObjectDoesNotExist, fault.Detail.ErrorCode);
        Assert.Equal(DateTimeKind.Utc, fault.Detail.Timestamp.Kind);
        Assert.InRange(fault.Detail.Timestamp, before, DateTime.UtcNow);
    }

    [Fact]
    public void Update_merges_columns_and_clears_those_set_to_null()
    {
        var service = org.GetOrganizationService();
        var id = service.Create(new Entity("contact") { ["firstname"] = "Ada", ["lastname"] = "Byron", ["jobtitle"] = "Countess" });

        service.Update(new Entity("contact", id) { ["lastname"] = "Lovelace", ["jobtitle"] = null });

        var row = org.Find("contact", id)!;
        Assert.Equal("Ada", row["firstname"]);
        Assert.Equal("Lovelace", row["lastname"]);
        Assert.False(row.Contains("jobtitle"));
    }

    [Fact]
    public void Update_of_a_missing_row_fails()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().Update(new Entity("contact", Guid.NewGuid()) { ["firstname"] = "x" }));

        Assert.Equal(OrganizationErrorCodes.ObjectDoesNotExist, fault.Detail.ErrorCode);
    }

    [Fact]
    public void Delete_removes_the_row_and_a_second_delete_fails()
    {
        var service = org.GetOrganizationService();
        var id = service.Create(new Entity("contact"));

        service.Delete("contact", id);

        Assert.Null(org.Find("contact", id));
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Delete("contact", id));
    }

    [Fact]
    public void Returned_entities_are_copies_that_never_change_the_store()
    {
        var service = org.GetOrganizationService();
        var account = new EntityReference("account", Guid.NewGuid());
        var sent = new Entity("contact") { ["parentcustomerid"] = account, ["fullname"] = "Ada" };
        var id = service.Create(sent);
        account.Id = Guid.Empty;
        sent["fullname"] = "changed after create";

        var first = service.Retrieve("contact", id, new ColumnSet(true));
        first.GetAttributeValue<EntityReference>("parentcustomerid").Id = Guid.Empty;
        first["fullname"] = "changed after retrieve";

        var again = org.Find("contact", id)!;
        Assert.NotEqual(Guid.Empty, again.GetAttributeValue<EntityReference>("parentcustomerid").Id);
        Assert.Equal("Ada", again["fullname"]);
        Assert.Equal(Guid.Empty, sent.Id);
    }

    [Fact]
    public void Initialize_seeds_rows_with_ids_and_defaults_without_firing_steps()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(ThrowingPlugin), "Create", "contact", 40));
        var given = Guid.NewGuid();

        org.Initialize(new Entity("contact", given) { ["fullname"] = "Ada" }, new Entity("contact") { ["fullname"] = "Grace" });

        Assert.Equal(2, org.Count("contact"));
        Assert.Equal(0, org.Find("contact", given)!.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Empty(org.Runs);
    }

    [Fact]
    public void CreateQuery_gives_linq_over_copies_of_the_rows()
    {
        org.Initialize(new Entity("contact") { ["fullname"] = "Ada" }, new Entity("contact") { ["fullname"] = "Grace" });

        var names = org.CreateQuery("contact").Select(c => c.GetAttributeValue<string>("fullname")).OrderBy(n => n).ToList();

        Assert.Equal(["Ada", "Grace"], names);
        Assert.Empty(org.CreateQuery("account"));
    }

    [Fact]
    public void Mixed_case_logical_names_are_rejected_as_Dataverse_rejects_them()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().Create(new Entity("contact") { ["FullName"] = "Ada" }));

        Assert.Contains("fullname", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Associate_through_a_relationship_LocalOrg_does_not_know_says_so()
    {
        var error = Assert.Throws<NotSupportedException>(() => org.GetOrganizationService().Associate(
            "account", Guid.NewGuid(), new Relationship("accountleads_association"), new EntityReferenceCollection()));

        Assert.Contains("Associate", error.Message, StringComparison.Ordinal);
        Assert.Contains("accountleads_association", error.Message, StringComparison.Ordinal);
    }
}
