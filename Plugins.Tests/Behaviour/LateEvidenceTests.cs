using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Identification.Plugins.Tests.Support;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>SPEC §3.7–3.8: evidence that arrives after creation fills what is still empty; links present win.</summary>
public class LateEvidenceTests
{
    [Fact]
    public void Links_the_case_when_a_bot_sets_CaseNumber_after_the_conversation_started()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        org.Case("CAS-01001", ann);
        var asked = org.Case("CAS-01002", ann);
        var conversation = org.StartConversation(("Email", "ann@contoso.com"));
        Assert.Null(org.CaseOf(conversation));

        org.SetContext(conversation, "CaseNumber", "CAS-01002");

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Equal(asked, org.CaseOf(conversation));
        Assert.Equal("Linked: contact \"Ann Smith\" (unverified: matched Email); case CAS-01002 (matched CaseNumber).", org.OutcomeOf(conversation));
    }

    [Fact]
    public void Identifies_the_caller_when_the_voice_context_arrives()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", mobile: "+14251234567");
        var conversation = org.StartConversation();

        org.CallerRings(conversation, "+14251234567");

        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Fact]
    public void Identifies_the_texter_from_the_SMS_number_and_country_code()
    {
        var org = new Omnichannel();
        var contoso = org.Account("Contoso", phone: "+14255550100");
        var conversation = org.StartConversation();

        org.TextArrives(conversation, "4255550100", "1");

        Assert.Equal(contoso, org.CustomerOf(conversation));
    }

    [Fact]
    public void Uses_every_answer_known_so_far_when_a_late_variable_arrives()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");
        var second = org.Contact("Ann Smith", "ann.smith@fabrikam.com");
        var conversation = org.StartConversation(("Name", "Ann Smith"));
        Assert.Null(org.CustomerOf(conversation));

        org.SetContext(conversation, "Email", "ann.smith@fabrikam.com");

        Assert.Equal(second, org.CustomerOf(conversation));
    }

    [Fact]
    public void Updates_the_one_outcome_instead_of_adding_another()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = org.StartConversation(("Name", "Nobody"));

        org.SetContext(conversation, "Email", "ann@contoso.com");

        Assert.Single(org.OutcomeItems(conversation));
    }

    [Fact]
    public void Writing_the_outcome_does_not_run_identification_again()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        // The outcome and its code: each create fires the context item step, which recognises them.
        var ownItemRuns = org.Org.Runs.Where(r => r.PrimaryEntityName == Schema.ContextItem.Table).ToList();
        Assert.Equal(2, ownItemRuns.Count);
        Assert.All(ownItemRuns, run => Assert.Empty(run.Queries));
        Assert.All(ownItemRuns, run => Assert.Contains(run.Trace, line => line.Contains("it is one of the plug-in's own items", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void Ignores_context_variables_that_no_rule_uses()
    {
        var org = new Omnichannel();
        var conversation = org.StartConversation(("Email", "nobody@contoso.com"));
        var before = org.Org.Runs.Count;

        org.SetContext(conversation, "Topic", "Billing");

        var run = org.Org.Runs.Skip(before).Single();
        Assert.Empty(run.Queries);
        Assert.Empty(run.Writes);
    }

    [Fact]
    public void Never_replaces_a_customer_or_case_already_linked()
    {
        var org = new Omnichannel();
        var chosenByBot = org.Contact("Bob Jones", "bob@fabrikam.com");
        org.Contact("Ann Smith", "ann@contoso.com");
        var botCase = org.Case("CAS-00001", chosenByBot);
        org.Case("CAS-01001", chosenByBot);

        var conversation = org.StartConversationLinkedTo(chosenByBot, botCase, ("Email", "ann@contoso.com"), ("CaseNumber", "CAS-01001"));

        Assert.Equal(chosenByBot.Id, org.CustomerOf(conversation)!.Id);
        Assert.Equal(botCase.Id, org.CaseOf(conversation)!.Id);
        Assert.DoesNotContain(org.CreateRun(conversation).Writes, w => w.EntityName == Schema.Conversation.Table);
    }

    [Fact]
    public void Keeps_a_link_made_after_the_create_even_though_the_create_job_runs_later()
    {
        // An asynchronous job carries the Target as it was created; the row may have been linked since.
        var org = new Omnichannel();
        var linkedByAgent = org.Contact("Bob Jones", "bob@fabrikam.com");
        org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = Guid.NewGuid();
        org.Org.Initialize(new Entity(Schema.Conversation.Table, conversation) { [Schema.Conversation.Customer] = linkedByAgent });
        org.SetContext(conversation, "Email", "ann@contoso.com");

        org.Org.ExecutePluginWithTarget<ConversationIdentificationPlugin>(new Entity(Schema.Conversation.Table, conversation));

        Assert.Equal(linkedByAgent.Id, org.CustomerOf(conversation)!.Id);
    }

    [Fact]
    public void Fills_only_the_case_when_the_customer_is_already_linked()
    {
        var org = new Omnichannel();
        var bob = org.Contact("Bob Jones", "bob@fabrikam.com");
        org.Contact("Ann Smith", "ann@contoso.com");
        var bobsCase = org.Case("CAS-00001", bob);

        var conversation = org.StartConversationLinkedTo(bob, null, ("Email", "ann@contoso.com"));

        Assert.Equal(bob.Id, org.CustomerOf(conversation)!.Id);
        Assert.Equal(bobsCase, org.CaseOf(conversation));
    }

    [Fact]
    public void Leaves_a_closed_conversation_alone()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = org.StartConversation(("Name", "Nobody"));
        org.Close(conversation);
        var before = org.Org.Runs.Count;

        org.SetContext(conversation, "Email", "ann@contoso.com");

        Assert.Null(org.CustomerOf(conversation));
        Assert.Empty(org.Org.Runs.Skip(before).Single().Writes);
    }
}
