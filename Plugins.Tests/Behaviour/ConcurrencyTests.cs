using System;
using System.Linq;
using Identification.LocalOrg;
using Identification.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>
/// SPEC §3.7–3.8 under concurrency: asynchronous jobs of one conversation that run at the same moment never leave
/// links neither decided, never overwrite a link someone wrote between a job's read and its write, and leave one
/// outcome. (Many interleavings of every evidence set: <see cref="Properties.ConcurrencyProperties"/>.)
/// </summary>
public class ConcurrencyTests
{
    [Fact]
    public void Two_jobs_that_read_before_either_writes_end_with_the_links_of_one_decision()
    {
        // The stress case: alone, the Create job would link the account and its case, the caller's job the contact.
        var org = new Omnichannel();
        org.Org.AsynchronousSteps = AsynchronousMode.Queue;
        org.Contact("Sam Lee", "sam.lee@example.com");
        var caller = org.Contact("Sam Lee", "sam@example.com", "+14255550101");
        var account = org.Account("Sam Lee");
        org.Case("CAS-00042", account);
        var conversation = org.StartConversation(("Name", "Sam Lee"));
        org.CallerRings(conversation, "+14255550101");

        // Each job reads, then the other reads, then both try to write.
        org.Org.RunInterleaved(org.Org.PendingJobs, new[] { 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1 });
        org.Org.RunPendingJobs();

        Assert.Equal(caller, org.CustomerOf(conversation));
        Assert.Null(org.CaseOf(conversation));
        Assert.Single(org.OutcomeItems(conversation));
        Assert.Equal("Linked: contact \"Sam Lee\" (unverified: matched Name, Phone).", org.OutcomeOf(conversation));
    }

    [Fact]
    public void A_link_an_agent_makes_between_a_jobs_read_and_its_write_is_kept()
    {
        var (org, conversation, chosenByAgent) = AnAgentRelinksJustBeforeThePluginWrites(new Omnichannel());

        org.StartConversationWithId(conversation, ("Email", "ann@example.com"));

        Assert.Equal(chosenByAgent, org.CustomerOf(conversation));
        Assert.StartsWith("Skipped: the customer was already linked", org.OutcomeOf(conversation), StringComparison.Ordinal);
        Assert.Contains(org.CreateRun(conversation).Trace, line => line.Contains("changed since it was read", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_optimistic_concurrency_the_links_are_read_again_just_before_the_write()
    {
        var withoutConcurrency = new Omnichannel();
        withoutConcurrency.Org.DisableOptimisticConcurrency(Schema.Conversation.Table);
        var (org, conversation, chosenByAgent) = AnAgentRelinksJustBeforeThePluginWrites(withoutConcurrency);

        org.StartConversationWithId(conversation, ("Email", "ann@example.com"));

        Assert.Equal(chosenByAgent, org.CustomerOf(conversation));
        Assert.Contains(org.CreateRun(conversation).Trace, line => line.Contains("optimistic concurrency turned off", StringComparison.Ordinal));
    }

    [Fact]
    public void Eight_jobs_at_once_leave_one_outcome_and_one_code()
    {
        var org = new Omnichannel();
        org.Org.AsynchronousSteps = AsynchronousMode.Queue;
        var ann = org.Contact("Ann Smith", "ann@example.com", "+14255550101");
        var annsCase = org.Case("CAS-01001", ann);
        var conversation = org.StartConversation();
        org.SetContext(conversation, "Name", "Ann Smith");
        org.SetContext(conversation, "Email", "ann@example.com");
        org.SetContext(conversation, "Phone", "+14255550101");
        org.SetContext(conversation, "CaseNumber", "CAS-01001");
        org.SetContext(conversation, "Topic", "Billing");
        org.CallerRings(conversation, "+14255550101");
        org.TextArrives(conversation, "4255550101", "1");
        Assert.Equal(8, org.Org.PendingJobs.Count);

        var random = new Random(8);
        org.Org.RunInterleaved(org.Org.PendingJobs, Enumerable.Range(0, 400).Select(_ => random.Next(8)).ToList());
        org.Org.RunPendingJobs();

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Equal(annsCase, org.CaseOf(conversation));
        Assert.Single(org.OutcomeItems(conversation));
        Assert.Single(org.Org.CreateQuery(Schema.ContextItem.Table), i => i.GetAttributeValue<string>(Schema.ContextItem.Name) == Schema.ContextItem.CodeName);
    }

    /// <summary>Ann's email will be typed; just before the plug-in's first write of the links, an agent links Carl.</summary>
    private static (Omnichannel Org, Guid Conversation, EntityReference ChosenByAgent) AnAgentRelinksJustBeforeThePluginWrites(Omnichannel org)
    {
        org.Contact("Ann Smith", "ann@example.com");
        var chosenByAgent = org.Contact("Carl Lopez", "carl@example.com");
        var conversation = Guid.NewGuid();
        org.Org.Before(r => r is UpdateRequest u && u.Target.LogicalName == Schema.Conversation.Table,
            () => org.Service.Update(new Entity(Schema.Conversation.Table, conversation) { [Schema.Conversation.Customer] = chosenByAgent }));
        return (org, conversation, chosenByAgent);
    }
}
