using System;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>The columns Dataverse stamps on every row: who created and modified it, and when.</summary>
public sealed class AuditColumnTests
{
    private static readonly DateTime Now = new(2024, 3, 13, 15, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Agent = new("5a1e0000-0000-4000-8000-00000000a9e7");
    private readonly LocalOrganization org = new() { UtcNow = () => Now };

    [Fact]
    public void Create_stamps_createdby_and_modifiedby_with_the_calling_user()
    {
        var id = org.GetOrganizationService(Agent).Create(new Entity("contact"));

        var row = org.Find("contact", id)!;
        Assert.Equal(new EntityReference("systemuser", Agent), row["createdby"]);
        Assert.Equal(new EntityReference("systemuser", Agent), row["modifiedby"]);
    }

    [Fact]
    public void Update_stamps_modifiedby_and_keeps_createdby()
    {
        var id = org.GetOrganizationService().Create(new Entity("contact"));

        org.GetOrganizationService(Agent).Update(new Entity("contact", id) { ["fullname"] = "Ada", ["createdby"] = new EntityReference("systemuser", Agent) });

        var row = org.Find("contact", id)!;
        Assert.Equal(org.CallerId, row.GetAttributeValue<EntityReference>("createdby").Id);
        Assert.Equal(Agent, row.GetAttributeValue<EntityReference>("modifiedby").Id);
    }

    [Fact]
    public void A_plugin_acting_as_another_user_writes_as_that_user()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(CreateTaskThenMaybeThrowPlugin), "Create", "account", 40) { RunAsUserId = Agent });

        org.GetOrganizationService().Create(new Entity("account"));

        var task = Assert.Single(org.CreateQuery("task"));
        Assert.Equal(Agent, task.GetAttributeValue<EntityReference>("createdby").Id);
    }

    [Fact]
    public void Overriddencreatedon_becomes_createdon_and_keeps_when_the_row_was_really_created()
    {
        var migrated = new DateTime(2019, 5, 1, 8, 0, 0, DateTimeKind.Utc);

        var id = org.GetOrganizationService().Create(new Entity("contact") { ["overriddencreatedon"] = migrated });

        var row = org.Find("contact", id)!;
        Assert.Equal(migrated, row["createdon"]);
        Assert.Equal(Now, row["overriddencreatedon"]);
        Assert.Equal(Now, row["modifiedon"]);
    }
}
