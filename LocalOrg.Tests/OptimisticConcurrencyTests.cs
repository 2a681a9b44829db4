using System;
using System.Globalization;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>Row versions and optimistic concurrency as Dataverse has them (versionnumber, Entity.RowVersion, IfRowVersionMatches).</summary>
public sealed class OptimisticConcurrencyTests
{
    private readonly LocalOrganization org = new();

    private IOrganizationService Service => org.GetOrganizationService();

    [Fact]
    public void Every_create_and_update_gives_the_row_a_new_higher_version()
    {
        var id = Service.Create(new Entity("account") { ["name"] = "Contoso" });
        var created = Version(id);
        Service.Create(new Entity("contact"));

        Service.Update(new Entity("account", id) { ["name"] = "Contoso Ltd" });

        Assert.True(Version(id) > created);
    }

    [Fact]
    public void Retrieve_and_queries_return_the_row_version_and_the_versionnumber_column()
    {
        var id = Service.Create(new Entity("account") { ["name"] = "Contoso" });

        var retrieved = Service.Retrieve("account", id, new ColumnSet("name", "versionnumber"));
        var queried = Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name"), TopCount = 1 }).Entities[0];

        Assert.NotNull(retrieved.RowVersion);
        Assert.Equal(retrieved.RowVersion, queried.RowVersion);
        Assert.Equal(retrieved.RowVersion, retrieved.GetAttributeValue<long>("versionnumber").ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_update_with_a_stale_row_version_fails_with_ConcurrencyVersionMismatch()
    {
        var id = Service.Create(new Entity("account") { ["name"] = "Contoso" });
        var read = Service.Retrieve("account", id, new ColumnSet("name"));
        Service.Update(new Entity("account", id) { ["name"] = "Changed by someone else" });

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Execute(new UpdateRequest
        {
            Target = new Entity("account", id) { ["name"] = "Mine", RowVersion = read.RowVersion },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        }));

        Assert.Equal(OrganizationErrorCodes.ConcurrencyVersionMismatch, fault.Detail.ErrorCode);
        Assert.Equal("Changed by someone else", Service.Retrieve("account", id, new ColumnSet("name"))["name"]);
    }

    [Fact]
    public void An_update_with_the_current_row_version_applies()
    {
        var id = Service.Create(new Entity("account") { ["name"] = "Contoso" });
        var read = Service.Retrieve("account", id, new ColumnSet("name"));

        Service.Execute(new UpdateRequest
        {
            Target = new Entity("account", id) { ["name"] = "Mine", RowVersion = read.RowVersion },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        });

        Assert.Equal("Mine", Service.Retrieve("account", id, new ColumnSet("name"))["name"]);
    }

    [Fact]
    public void IfRowVersionMatches_without_a_row_version_fails_with_ConcurrencyVersionNotProvided()
    {
        var id = Service.Create(new Entity("account"));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Execute(new UpdateRequest
        {
            Target = new Entity("account", id) { ["name"] = "Mine" },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        }));

        Assert.Equal(OrganizationErrorCodes.ConcurrencyVersionNotProvided, fault.Detail.ErrorCode);
    }

    [Fact]
    public void A_table_without_optimistic_concurrency_refuses_IfRowVersionMatches()
    {
        org.DisableOptimisticConcurrency("account");
        var id = Service.Create(new Entity("account"));
        var read = Service.Retrieve("account", id, new ColumnSet("name"));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Execute(new UpdateRequest
        {
            Target = new Entity("account", id) { ["name"] = "Mine", RowVersion = read.RowVersion },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        }));

        Assert.Equal(OrganizationErrorCodes.OptimisticConcurrencyNotEnabled, fault.Detail.ErrorCode);
        Assert.True(org.IsOptimisticConcurrencyEnabled("contact"));
    }

    [Theory]
    [InlineData(ConcurrencyBehavior.Default)]
    [InlineData(ConcurrencyBehavior.AlwaysOverwrite)]
    public void Default_and_AlwaysOverwrite_ignore_the_version(ConcurrencyBehavior behavior)
    {
        var id = Service.Create(new Entity("account") { ["name"] = "Contoso" });
        var read = Service.Retrieve("account", id, new ColumnSet("name"));
        Service.Update(new Entity("account", id) { ["name"] = "Changed by someone else" });

        Service.Execute(new UpdateRequest { Target = new Entity("account", id) { ["name"] = "Mine", RowVersion = read.RowVersion }, ConcurrencyBehavior = behavior });

        Assert.Equal("Mine", Service.Retrieve("account", id, new ColumnSet("name"))["name"]);
    }

    [Fact]
    public void A_rolled_back_update_leaves_the_row_version_as_it_was()
    {
        var id = Service.Create(new Entity("account") { ["name"] = "Contoso" });
        var before = Version(id);
        org.RegisterStep(new PluginStepRegistration(typeof(ThrowingPlugin), "Update", "account", 40));

        Assert.ThrowsAny<Exception>(() => Service.Update(new Entity("account", id) { ["name"] = "Rolled back" }));

        Assert.Equal(before, Version(id));
    }

    private long Version(Guid id) => long.Parse(Service.Retrieve("account", id, new ColumnSet("name")).RowVersion, CultureInfo.InvariantCulture);
}
