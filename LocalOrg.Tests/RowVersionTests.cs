using System;
using System.Globalization;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>Row versions (versionnumber, Entity.RowVersion) and optimistic concurrency, as Dataverse has them.</summary>
public sealed class RowVersionTests
{
    private readonly LocalOrganization org = new();

    private IOrganizationService Service => org.GetOrganizationService();

    [Fact]
    public void Every_create_and_update_takes_the_next_version_of_one_organization_wide_counter()
    {
        var contact = Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });
        var account = Service.Create(new Entity("account") { ["name"] = "Analytical Engines" });
        var created = VersionOf("contact", contact);

        Service.Update(new Entity("contact", contact) { ["fullname"] = "Augusta Ada King" });

        Assert.True(VersionOf("account", account) > created);
        Assert.True(VersionOf("contact", contact) > VersionOf("account", account));
    }

    [Fact]
    public void Seeded_rows_have_versions_too()
    {
        var id = Guid.NewGuid();

        org.Initialize(new Entity("contact", id) { ["fullname"] = "Ada Lovelace" });

        Assert.NotNull(Service.Retrieve("contact", id, new ColumnSet("fullname")).RowVersion);
    }

    [Fact]
    public void Retrieve_sets_RowVersion_to_the_row_s_versionnumber()
    {
        var id = Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });

        var named = Service.Retrieve("contact", id, new ColumnSet("fullname"));
        var all = Service.Retrieve("contact", id, new ColumnSet(true));

        Assert.Equal(all.GetAttributeValue<long>("versionnumber").ToString(CultureInfo.InvariantCulture), named.RowVersion);
        Assert.Equal(named.RowVersion, all.RowVersion);
        Assert.False(named.Contains("versionnumber"));
    }

    [Fact]
    public void The_versionnumber_column_is_returned_when_a_query_asks_for_it()
    {
        Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });

        var row = Service.RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet("versionnumber") }).Entities.Single();
        var fetched = Service.RetrieveMultiple(new FetchExpression("<fetch><entity name='contact'><attribute name='versionnumber'/></entity></fetch>")).Entities.Single();

        Assert.IsType<long>(row["versionnumber"]);
        Assert.Equal(row["versionnumber"], fetched["versionnumber"]);
    }

    [Fact]
    public void RetrieveMultiple_sets_RowVersion_on_every_row_of_every_kind_of_query()
    {
        var account = Service.Create(new Entity("account") { ["name"] = "Analytical Engines" });
        Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace", ["parentcustomerid"] = new EntityReference("account", account) });
        Service.Create(new Entity("contact") { ["fullname"] = "Charles Babbage" });
        var byAttribute = new QueryByAttribute("contact") { ColumnSet = new ColumnSet("fullname") };
        byAttribute.AddAttributeValue("statecode", 0);
        var joined = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        joined.AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter).Columns.AddColumn("name");

        QueryBase[] queries =
        {
            joined,
            byAttribute,
            new FetchExpression("<fetch><entity name='contact'><attribute name='fullname'/></entity></fetch>"),
        };

        foreach (var query in queries)
        {
            var rows = Service.RetrieveMultiple(query).Entities;
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Equal(VersionOf("contact", r.Id).ToString(CultureInfo.InvariantCulture), r.RowVersion));
        }
    }

    [Fact]
    public void A_caller_cannot_set_the_versionnumber()
    {
        var id = Service.Create(new Entity("contact") { ["versionnumber"] = 5L });
        var created = VersionOf("contact", id);

        Service.Update(new Entity("contact", id) { ["versionnumber"] = created });

        Assert.True(VersionOf("contact", id) > created);
    }

    [Fact]
    public void An_update_with_the_current_row_version_is_written_and_takes_a_new_version()
    {
        var id = Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });
        var read = Service.Retrieve("contact", id, new ColumnSet("fullname"));

        Service.Execute(UpdateIfRowVersionMatches(new Entity("contact", id) { ["fullname"] = "Augusta Ada King", RowVersion = read.RowVersion }));

        var now = Service.Retrieve("contact", id, new ColumnSet("fullname"));
        Assert.Equal("Augusta Ada King", now["fullname"]);
        Assert.NotEqual(read.RowVersion, now.RowVersion);
    }

    [Fact]
    public void An_update_with_a_stale_row_version_fails_with_ConcurrencyVersionMismatch()
    {
        var id = Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });
        var stale = Service.Retrieve("contact", id, new ColumnSet("fullname"));
        Service.Update(new Entity("contact", id) { ["fullname"] = "Augusta Ada King" });

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Service.Execute(UpdateIfRowVersionMatches(new Entity("contact", id) { ["fullname"] = "Ada Byron", RowVersion = stale.RowVersion })));

        Assert.Equal(OrganizationErrorCodes.ConcurrencyVersionMismatch, fault.Detail.ErrorCode);
        Assert.Equal("The version of the existing record doesn't match the RowVersion property provided.", fault.Message);
        Assert.Equal("Augusta Ada King", Service.Retrieve("contact", id, new ColumnSet("fullname"))["fullname"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_update_without_a_row_version_fails_with_ConcurrencyVersionNotProvided(string? rowVersion)
    {
        var id = Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Service.Execute(UpdateIfRowVersionMatches(new Entity("contact", id) { ["fullname"] = "Ada Byron", RowVersion = rowVersion })));

        Assert.Equal(OrganizationErrorCodes.ConcurrencyVersionNotProvided, fault.Detail.ErrorCode);
        Assert.Equal("The RowVersion property must be provided when the value of ConcurrencyBehavior is IfVersionMatches.", fault.Message);
    }

    [Fact]
    public void An_update_of_a_table_without_optimistic_concurrency_fails_with_OptimisticConcurrencyNotEnabled()
    {
        org.DisableOptimisticConcurrency("msdyn_ocliveworkitem");
        var id = Service.Create(new Entity("msdyn_ocliveworkitem") { ["subject"] = "chat" });
        var read = Service.Retrieve("msdyn_ocliveworkitem", id, new ColumnSet("subject"));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Service.Execute(UpdateIfRowVersionMatches(new Entity("msdyn_ocliveworkitem", id) { ["subject"] = "sms", RowVersion = read.RowVersion })));

        Assert.Equal(OrganizationErrorCodes.OptimisticConcurrencyNotEnabled, fault.Detail.ErrorCode);
        Assert.StartsWith("Optimistic concurrency isn't enabled for entity type msdyn_ocliveworkitem.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_without_optimistic_concurrency_still_has_row_versions_and_takes_other_updates()
    {
        org.DisableOptimisticConcurrency("msdyn_ocliveworkitem");
        var id = Service.Create(new Entity("msdyn_ocliveworkitem") { ["subject"] = "chat" });

        Service.Execute(new UpdateRequest { Target = new Entity("msdyn_ocliveworkitem", id) { ["subject"] = "sms" }, ConcurrencyBehavior = ConcurrencyBehavior.AlwaysOverwrite });

        var row = Service.Retrieve("msdyn_ocliveworkitem", id, new ColumnSet("subject"));
        Assert.Equal("sms", row["subject"]);
        Assert.NotNull(row.RowVersion);
    }

    [Theory]
    [InlineData(ConcurrencyBehavior.Default)]
    [InlineData(ConcurrencyBehavior.AlwaysOverwrite)]
    public void Default_and_AlwaysOverwrite_write_whatever_the_row_version(ConcurrencyBehavior behavior)
    {
        var id = Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });
        var stale = Service.Retrieve("contact", id, new ColumnSet("fullname"));
        Service.Update(new Entity("contact", id) { ["fullname"] = "Augusta Ada King" });

        Service.Execute(new UpdateRequest { Target = new Entity("contact", id) { ["fullname"] = "Ada Byron", RowVersion = stale.RowVersion }, ConcurrencyBehavior = behavior });

        Assert.Equal("Ada Byron", Service.Retrieve("contact", id, new ColumnSet("fullname"))["fullname"]);
    }

    [Fact]
    public void IOrganizationService_Update_overwrites_whatever_the_row_version()
    {
        var id = Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });

        Service.Update(new Entity("contact", id) { ["fullname"] = "Ada Byron", RowVersion = "stale" });

        Assert.Equal("Ada Byron", Service.Retrieve("contact", id, new ColumnSet("fullname"))["fullname"]);
    }

    [Fact]
    public void An_update_request_by_name_honours_its_ConcurrencyBehavior_parameter()
    {
        var id = Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });
        var request = new OrganizationRequest("Update")
        {
            ["Target"] = new Entity("contact", id) { ["fullname"] = "Ada Byron", RowVersion = "stale" },
            ["ConcurrencyBehavior"] = ConcurrencyBehavior.IfRowVersionMatches,
        };

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Execute(request));

        Assert.Equal(OrganizationErrorCodes.ConcurrencyVersionMismatch, fault.Detail.ErrorCode);
    }

    [Fact]
    public void A_delete_with_a_stale_row_version_fails_with_ConcurrencyVersionMismatch()
    {
        var id = Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });
        var stale = Service.Retrieve("contact", id, new ColumnSet("fullname"));
        Service.Update(new Entity("contact", id) { ["fullname"] = "Augusta Ada King" });
        var request = new OrganizationRequest("Delete")
        {
            ["Target"] = new EntityReference("contact", id) { RowVersion = stale.RowVersion },
            ["ConcurrencyBehavior"] = ConcurrencyBehavior.IfRowVersionMatches,
        };

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Execute(request));

        Assert.Equal(OrganizationErrorCodes.ConcurrencyVersionMismatch, fault.Detail.ErrorCode);
        Assert.Equal(1, org.Count("contact"));
    }

    // Dataverse compares versions as it writes the row: the steps before the core operation have run by then,
    // and the failure rolls back what they wrote.
    [Fact]
    public void A_version_conflict_is_found_in_the_core_operation_and_rolls_back_what_pre_operation_steps_wrote()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(CreateTaskThenMaybeThrowPlugin), "Update", "contact", 20));
        var id = Service.Create(new Entity("contact") { ["fullname"] = "Ada Lovelace" });
        var stale = Service.Retrieve("contact", id, new ColumnSet("fullname"));
        Service.Update(new Entity("contact", id) { ["fullname"] = "Augusta Ada King" });
        var runsBefore = org.RunCount;

        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Service.Execute(UpdateIfRowVersionMatches(new Entity("contact", id) { ["fullname"] = "Ada Byron", RowVersion = stale.RowVersion })));

        var preOperation = Assert.Single(org.RunsSince(runsBefore));
        Assert.Equal("task", Assert.Single(preOperation.Writes).EntityName);
        Assert.Equal(1, org.Count("task")); // the first update's task; the conflicting one's is rolled back
    }

    [Fact]
    public void An_asynchronous_step_can_catch_a_version_conflict_read_again_and_retry()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(RetryOnVersionConflictPlugin), "Create", "account", 40) { Asynchronous = true });

        var id = Service.Create(new Entity("account") { ["name"] = "Analytical Engines" });

        Assert.Null(org.Runs.Single().Exception);
        Assert.Equal("retried", Service.Retrieve("account", id, new ColumnSet("name"))["name"]);
    }

    // Like any failed call inside a transaction, the conflict ends it: the retry's read finds no active transaction.
    [Fact]
    public void A_version_conflict_inside_a_transaction_ends_it_so_a_retry_there_fails()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(RetryOnVersionConflictPlugin), "Create", "account", 40));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Create(new Entity("account") { ["name"] = "Analytical Engines" }));

        Assert.Equal(OrganizationErrorCodes.NoActiveTransaction, fault.Detail.ErrorCode);
        Assert.Equal(0, org.Count("account"));
    }

    private static UpdateRequest UpdateIfRowVersionMatches(Entity target) =>
        new() { Target = target, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches };

    private long VersionOf(string table, Guid id) => org.Find(table, id)!.GetAttributeValue<long>("versionnumber");
}
