using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests;

/// <summary>Typed requests and responses are views over their Parameters and Results.</summary>
public class MessageTests
{
    [Fact]
    public void A_generic_request_reads_and_writes_its_parameters_through_the_indexer()
    {
        var request = new OrganizationRequest("WhoAmI") { ["Flag"] = true };

        Assert.Equal("WhoAmI", request.RequestName);
        Assert.Equal(true, request.Parameters["Flag"]);
        Assert.Equal(true, request["Flag"]);
        Assert.Throws<KeyNotFoundException>(() => request["Missing"]);
    }

    [Fact]
    public void CreateRequest_is_named_Create_and_keeps_Target_in_Parameters()
    {
        var contact = new Entity("contact");

        var request = new CreateRequest { Target = contact };

        Assert.Equal("Create", request.RequestName);
        Assert.Same(contact, request.Parameters["Target"]);
        Assert.Same(contact, request.Target);
    }

    [Fact]
    public void UpdateRequest_is_named_Update_and_keeps_Target_in_Parameters()
    {
        var contact = new Entity("contact", Guid.NewGuid());

        var request = new UpdateRequest { Target = contact };

        Assert.Equal("Update", request.RequestName);
        Assert.Same(contact, request.Parameters["Target"]);
    }

    [Fact]
    public void UpdateRequest_keeps_ConcurrencyBehavior_in_Parameters_and_reads_Default_until_set()
    {
        var request = new UpdateRequest();

        Assert.Equal(ConcurrencyBehavior.Default, request.ConcurrencyBehavior);
        Assert.False(request.Parameters.Contains("ConcurrencyBehavior"));

        request.ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches;

        Assert.Equal(ConcurrencyBehavior.IfRowVersionMatches, request.Parameters["ConcurrencyBehavior"]);
        request.Parameters["ConcurrencyBehavior"] = ConcurrencyBehavior.AlwaysOverwrite;
        Assert.Equal(ConcurrencyBehavior.AlwaysOverwrite, request.ConcurrencyBehavior);
    }

    [Theory]
    [InlineData(typeof(AssociateRequest), "Associate")]
    [InlineData(typeof(DisassociateRequest), "Disassociate")]
    [InlineData(typeof(UpsertRequest), "Upsert")]
    [InlineData(typeof(DeleteRequest), "Delete")]
    public void Requests_are_named_after_their_message_and_hold_their_parameters_as_null_until_set(Type type, string name)
    {
        var request = (OrganizationRequest)Activator.CreateInstance(type)!;

        Assert.Equal(name, request.RequestName);
        Assert.True(request.Parameters.Contains("Target"));
        Assert.Null(request.Parameters["Target"]);
    }

    [Fact]
    public void AssociateRequest_keeps_Target_Relationship_and_RelatedEntities_in_Parameters()
    {
        var target = new EntityReference("account", Guid.NewGuid());
        var relationship = new Relationship("accountleads_association");
        var related = new EntityReferenceCollection { new EntityReference("lead", Guid.NewGuid()) };

        var request = new AssociateRequest { Target = target, Relationship = relationship, RelatedEntities = related };

        Assert.Same(target, request.Parameters["Target"]);
        Assert.Same(relationship, request.Parameters["Relationship"]);
        Assert.Same(related, request.Parameters["RelatedEntities"]);
    }

    [Fact]
    public void UpsertResponse_reads_RecordCreated_and_Target_from_its_Results()
    {
        var target = new EntityReference("account", Guid.NewGuid());

        var response = new UpsertResponse { Results = { ["RecordCreated"] = true, ["Target"] = target } };

        Assert.True(response.RecordCreated);
        Assert.Same(target, response.Target);
    }

    [Fact]
    public void RetrieveRequest_is_named_Retrieve_and_keeps_Target_and_ColumnSet_in_Parameters()
    {
        var target = new EntityReference("contact", Guid.NewGuid());
        var columns = new ColumnSet("firstname");

        var request = new RetrieveRequest { Target = target, ColumnSet = columns };

        Assert.Equal("Retrieve", request.RequestName);
        Assert.Same(target, request.Parameters["Target"]);
        Assert.Same(columns, request.Parameters["ColumnSet"]);
        Assert.False(request.ReturnNotifications);
    }

    [Fact]
    public void RetrieveMultipleRequest_is_named_RetrieveMultiple_and_keeps_Query_in_Parameters()
    {
        var query = new QueryExpression("contact");

        var request = new RetrieveMultipleRequest { Query = query };

        Assert.Equal("RetrieveMultiple", request.RequestName);
        Assert.Same(query, request.Parameters["Query"]);
    }

    [Fact]
    public void A_typed_request_reads_a_parameter_set_through_the_collection()
    {
        var request = new OrganizationRequest();
        var contact = new Entity("contact");
        var create = new CreateRequest();

        create.Parameters["Target"] = contact;

        Assert.Same(contact, create.Target);
        Assert.Null(request.RequestName);
        Assert.Null(new CreateRequest().Target);
    }

    [Fact]
    public void CreateResponse_reads_the_new_id_from_Results()
    {
        var id = Guid.NewGuid();
        var response = new CreateResponse();

        response.Results["id"] = id;

        Assert.Equal(id, response.id);
        Assert.Equal(id, response["id"]);
    }

    [Fact]
    public void RetrieveResponse_reads_the_record_from_Results()
    {
        var contact = new Entity("contact", Guid.NewGuid());
        var response = new RetrieveResponse();

        response["Entity"] = contact;

        Assert.Same(contact, response.Entity);
        Assert.Null(response.Notifications);
    }

    [Fact]
    public void RetrieveMultipleResponse_reads_the_records_from_Results()
    {
        var records = new EntityCollection();
        var response = new RetrieveMultipleResponse();

        response.Results["EntityCollection"] = records;

        Assert.Same(records, response.EntityCollection);
    }

    [Fact]
    public void Typed_responses_read_default_when_the_result_is_missing()
    {
        Assert.Equal(Guid.Empty, new CreateResponse().id);
        Assert.Null(new RetrieveResponse().Entity);
        Assert.Null(new RetrieveMultipleResponse().EntityCollection);
    }

    // The service names the response after its message; the constructors leave the name to it, and start empty.
    [Fact]
    public void A_new_response_has_no_name_and_no_results()
    {
        OrganizationResponse[] responses =
        {
            new OrganizationResponse(), new CreateResponse(), new UpdateResponse(), new RetrieveResponse(), new RetrieveMultipleResponse(),
        };

        Assert.All(responses, r => Assert.Null(r.ResponseName));
        Assert.All(responses, r => Assert.Empty(r.Results));
    }
}
