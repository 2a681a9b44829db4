using System;
using System.Linq;
using System.Threading.Tasks;
using Identification.LocalOrg;
using Identification.Plugins.Links;
using Identification.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>SPEC §3.10 and §5: failures are recorded and never block the conversation; one instance serves many threads.</summary>
public class ResilienceTests
{
    [Fact]
    public void A_query_that_throws_leaves_the_conversation_created_and_records_the_error()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");
        org.Org.FailWhen(
            request => request is RetrieveMultipleRequest r && r.Query is QueryExpression q && q.EntityName == "contact",
            () => new TimeoutException("SQL timeout"));

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        Assert.NotNull(org.Org.Find(Schema.Conversation.Table, conversation));
        Assert.Null(org.CustomerOf(conversation));
        Assert.Equal("Error: identification failed (TimeoutException: SQL timeout); see the plug-in trace log.", org.OutcomeOf(conversation));
        Assert.Contains(org.CreateRun(conversation).Trace, line => line.Contains("Identification failed: System.TimeoutException", StringComparison.Ordinal));
    }

    [Fact]
    public void Registered_synchronously_a_failed_query_would_roll_the_conversation_back_which_is_why_the_steps_ship_asynchronous()
    {
        // Dataverse dooms the transaction when a service call inside it fails, even if the plug-in catches it.
        var org = new Omnichannel(synchronous: true);
        org.Org.FailWhen(
            request => request is RetrieveMultipleRequest r && r.Query is QueryExpression q && q.EntityName == "contact",
            () => new TimeoutException("SQL timeout"));

        Assert.ThrowsAny<Exception>(() => org.StartConversation(("Email", "ann@contoso.com")));
        Assert.Equal(0, org.Org.Count(Schema.Conversation.Table));
    }

    [Fact]
    public void A_failure_to_record_the_outcome_is_traced_and_still_does_not_block()
    {
        var org = new Omnichannel();
        org.Org.FailWhen(request => request is CreateRequest c && c.Target.LogicalName == Schema.ContextItem.Table, () => new InvalidOperationException("no privilege"));

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        Assert.NotNull(org.Org.Find(Schema.Conversation.Table, conversation));
        Assert.Contains(org.CreateRun(conversation).Trace, line => line.Contains("The outcome could not be recorded either: no privilege", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_trigger_is_traced_not_thrown()
    {
        var org = new Omnichannel();
        var badItem = new Entity(Schema.ContextItem.Table, Guid.NewGuid())
        {
            [Schema.ContextItem.Name] = 42,
            [Schema.ContextItem.Conversation] = new EntityReference(Schema.Conversation.Table, Guid.NewGuid()),
        };

        var run = org.Org.ExecutePluginWithTarget<ConversationIdentificationPlugin>(badItem);

        Assert.Null(run.Exception);
        Assert.Contains(run.Trace, line => line.Contains("Identification failed: System.InvalidCastException", StringComparison.Ordinal));
    }

    [Fact]
    public void One_plugin_instance_gives_the_same_results_from_many_threads_at_once()
    {
        var org = new LocalOrganization();
        org.RegisterPrimaryKey(Schema.Conversation.Table, Schema.Conversation.Id);
        var people = Enumerable.Range(0, 40).Select(i => new Entity("contact", Guid.NewGuid())
        {
            ["fullname"] = "Person " + i,
            ["emailaddress1"] = "person" + i + "@contoso.com",
        }).ToList();
        people.Add(new Entity("contact", Guid.NewGuid()) { ["fullname"] = "Twin", ["emailaddress1"] = "person7@contoso.com" });
        org.Initialize(people);
        var conversations = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        org.Initialize(conversations.Select(id => new Entity(Schema.Conversation.Table, id)));
        org.Initialize(conversations.Select((id, i) => new Entity(Schema.ContextItem.Table, Guid.NewGuid())
        {
            [Schema.ContextItem.Name] = "Email",
            [Schema.ContextItem.Value] = "person" + i + "@contoso.com",
            [Schema.ContextItem.Conversation] = new EntityReference(Schema.Conversation.Table, id),
        }));
        var plugin = new ConversationIdentificationPlugin(null, null);

        Parallel.For(0, conversations.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var context = org.GetDefaultPluginContext();
            context.MessageName = "Create";
            context.PrimaryEntityName = Schema.Conversation.Table;
            context.PrimaryEntityId = conversations[i];
            context.Stage = 40;
            context.InputParameters["Target"] = new Entity(Schema.Conversation.Table, conversations[i]);
            org.ExecutePluginWith(plugin, context);
        });

        for (var i = 0; i < conversations.Count; i++)
        {
            var expected = i == 7 ? "Several records found: several contacts match Email" : "Linked: contact \"Person " + i + "\" (unverified: matched Email)";
            var outcome = org.Find(Schema.ContextItem.Table, PluginItems.OutcomeId(conversations[i]))!.GetAttributeValue<string>(Schema.ContextItem.Value);
            Assert.StartsWith(expected, outcome, StringComparison.Ordinal);
        }
    }
}
