using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>What LocalOrg can't do, it refuses by name rather than answering wrongly.</summary>
public sealed class RefusalTests
{
    private readonly LocalOrganization org = new();

    [Fact]
    public void Retrieve_without_a_column_set_is_refused()
    {
        var id = org.GetOrganizationService().Create(new Entity("contact"));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().Retrieve("contact", id, null!));

        Assert.Contains("ColumnSet", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_without_a_table_is_refused()
    {
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().RetrieveMultiple(new QueryExpression()));
    }

    [Fact]
    public void Update_without_an_id_is_refused()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().Update(new Entity("contact") { ["fullname"] = "x" }));

        Assert.Contains("Id must be specified", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alternate_key_the_table_does_not_have_is_refused()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().Update(new Entity("contact", "emailaddress1", "ada@example.com")));

        Assert.StartsWith("The specified key attributes are not a defined key for the contact entity", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_the_provider_does_not_offer_is_named()
    {
        var error = Assert.Throws<NotSupportedException>(() => org.ExecutePluginWithTarget<AsksForUnknownServicePlugin>(new Entity("contact")));

        Assert.Contains("System.IDisposable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_on_other_messages_are_refused_at_registration()
    {
        var error = Assert.Throws<NotSupportedException>(() => org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Assign", "contact", 40)));

        Assert.Contains("Assign", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_primary_key_can_not_change_once_the_table_has_rows()
    {
        org.Initialize(new Entity("new_thing"));

        Assert.Throws<InvalidOperationException>(() => org.RegisterPrimaryKey("new_thing", "new_key"));
    }
}
