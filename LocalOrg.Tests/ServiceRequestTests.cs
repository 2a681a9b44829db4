using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class ServiceRequestTests
{
    private readonly LocalOrganization org = new();

    private IOrganizationService Service => org.GetOrganizationService();

    [Fact]
    public void Execute_runs_the_typed_requests_and_returns_their_responses()
    {
        var created = (CreateResponse)Service.Execute(new CreateRequest { Target = new Entity("contact") { ["fullname"] = "Ada" } });
        Service.Execute(new UpdateRequest { Target = new Entity("contact", created.id) { ["jobtitle"] = "Countess" } });
        var retrieved = (RetrieveResponse)Service.Execute(new RetrieveRequest { Target = new EntityReference("contact", created.id), ColumnSet = new ColumnSet("jobtitle") });
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var many = (RetrieveMultipleResponse)Service.Execute(new RetrieveMultipleRequest { Query = query });

        Assert.Equal("Countess", retrieved.Entity["jobtitle"]);
        Assert.Equal("Ada", many.EntityCollection.Entities.Single()["fullname"]);
        Assert.Equal("Create", created.ResponseName);
    }

    [Fact]
    public void Execute_accepts_plain_requests_named_after_a_supported_message()
    {
        var id = Service.Create(new Entity("contact"));
        var delete = new OrganizationRequest("Delete");
        delete["Target"] = new EntityReference("contact", id);

        Service.Execute(delete);

        Assert.Equal(0, org.Count("contact"));
    }

    [Fact]
    public void Execute_of_an_unsupported_message_says_which()
    {
        var error = Assert.Throws<NotSupportedException>(() => Service.Execute(new OrganizationRequest("WhoAmI")));

        Assert.Contains("WhoAmI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailWhen_makes_matching_requests_throw_the_given_error()
    {
        org.FailWhen(r => r is RetrieveMultipleRequest { Query: QueryExpression { EntityName: "contact" } }, () => ServiceFault("SQL timeout"));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.RetrieveMultiple(new QueryExpression("contact")));
        Service.RetrieveMultiple(new QueryExpression("account"));

        Assert.Equal("SQL timeout", fault.Message);
    }

    [Fact]
    public void FailWhen_sees_every_message_as_its_request()
    {
        var seen = new System.Collections.Generic.List<string>();
        org.FailWhen(r => { seen.Add(r.RequestName); return false; }, () => new InvalidOperationException());
        var id = Service.Create(new Entity("contact"));

        Service.Retrieve("contact", id, new ColumnSet(false));
        Service.Update(new Entity("contact", id));
        Service.RetrieveMultiple(new QueryExpression("contact"));
        Service.Delete("contact", id);

        Assert.Equal(["Create", "Retrieve", "Update", "RetrieveMultiple", "Delete"], seen);
    }

    [Fact]
    public void FailWhen_applies_to_the_service_calls_of_plugins_too()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(CreateTaskThenMaybeThrowPlugin), "Create", "account", 40));
        org.FailWhen(r => r is CreateRequest { Target.LogicalName: "task" }, () => ServiceFault("no tasks today"));

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Create(new Entity("account")));

        Assert.Equal(0, org.Count("account"));
    }

    [Fact]
    public void Counters_total_queries_rows_and_writes_and_can_be_reset()
    {
        org.Initialize(new Entity("contact"), new Entity("contact"));
        Service.RetrieveMultiple(new QueryExpression("contact"));
        Service.Create(new Entity("contact"));

        Assert.Equal((1L, 2L, 1L), (org.Counters.Queries, org.Counters.RowsRead, org.Counters.Writes));
        org.Counters.Reset();
        Assert.Equal((0L, 0L, 0L), (org.Counters.Queries, org.Counters.RowsRead, org.Counters.Writes));
    }

    [Fact]
    public void The_caller_id_becomes_the_user_of_the_plugin_context()
    {
        var marker = Guid.NewGuid().ToString("N");
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Create", "contact", 40) { UnsecureConfiguration = marker });
        var user = Guid.NewGuid();
        org.CallerId = user;

        Service.Create(new Entity("contact"));

        var context = Assert.Single(Seen.For(marker));
        Assert.Equal((user, user), (context.UserId, context.InitiatingUserId));
    }

    // A fault as a test double injects it: what the organization service would throw, with the code and message given.
    private static FaultException<OrganizationServiceFault> ServiceFault(string message, int errorCode = -1) =>
        new(new OrganizationServiceFault { ErrorCode = errorCode, Message = message }, new FaultReason(message));
}
