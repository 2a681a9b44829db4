using System;
using System.Linq;
using Identification.LocalOrg;
using Identification.Plugins.Links;
using Identification.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>
/// SPEC §3.7–3.8 by example: late evidence ends in the links one identification over all the evidence gives, the
/// plug-in corrects only the links it made itself, and the outcome always describes the links as they are.
/// (Every arrival order and interleaving: <see cref="Properties.ConvergenceProperties"/>.)
/// </summary>
public class ConvergenceTests
{
    private const string NoRecordForAnnAndBob = "No record found: no active contact matches Name, Email; no active account matches Name, Email; nothing linked.";

    [Fact]
    public void The_name_of_one_contact_and_the_email_of_another_link_nobody_when_both_are_known_at_creation()
    {
        var (org, ann, bob) = AnnAndBob();

        var conversation = org.StartConversation(("Name", "Ann Smith"), ("Email", "bob@example.com"));

        Assert.Null(org.CustomerOf(conversation));
        Assert.Equal(NoRecordForAnnAndBob, org.OutcomeOf(conversation));
        Assert.Equal("none", org.CodeOf(conversation));
    }

    [Fact]
    public void A_contact_linked_on_a_name_is_unlinked_when_an_email_that_does_not_match_her_arrives()
    {
        var (org, ann, bob) = AnnAndBob();
        var conversation = org.StartConversation(("Name", "Ann Smith"));
        Assert.Equal(ann, org.CustomerOf(conversation));

        org.SetContext(conversation, "Email", "bob@example.com");

        Assert.Null(org.CustomerOf(conversation));
        Assert.Equal(NoRecordForAnnAndBob + " Corrected: unlinked contact \"Ann Smith\" (linked earlier on Name) now that Email is known.", org.OutcomeOf(conversation));
        Assert.Equal("none;corrected", org.CodeOf(conversation));
    }

    [Fact]
    public void A_contact_linked_on_an_email_is_unlinked_when_a_name_that_is_not_his_arrives()
    {
        var (org, ann, bob) = AnnAndBob();
        var conversation = org.StartConversation(("Email", "bob@example.com"));

        org.SetContext(conversation, "Name", "Ann Smith");

        Assert.Null(org.CustomerOf(conversation));
        Assert.Equal(NoRecordForAnnAndBob + " Corrected: unlinked contact \"Bob Jones\" (linked earlier on Email) now that Name is known.", org.OutcomeOf(conversation));
    }

    [Fact]
    public void An_account_linked_on_a_shared_email_is_replaced_by_the_contact_the_phone_then_identifies()
    {
        var org = new Omnichannel();
        var sam = org.Contact("Sam Lee", "office@contoso.com", "+14255550101");
        org.Contact("Kim Lee", "office@contoso.com", "+14255550102");
        org.Account("Contoso", "office@contoso.com");
        var conversation = org.StartConversation(("Email", "office@contoso.com"));
        Assert.Equal("account", org.CustomerOf(conversation)!.LogicalName);

        org.SetContext(conversation, "Phone", "+14255550101");

        Assert.Equal(sam, org.CustomerOf(conversation));
        Assert.Equal("Linked: contact \"Sam Lee\" (unverified: matched Email, Phone). Corrected: replaced account \"Contoso\" (linked earlier on Email) with contact \"Sam Lee\" now that Phone is known.",
            org.OutcomeOf(conversation));
    }

    [Fact]
    public void A_link_an_agent_changed_is_never_corrected()
    {
        var (org, ann, bob) = AnnAndBob();
        var conversation = org.StartConversation(("Name", "Ann Smith"));
        Assert.Equal(ann, org.CustomerOf(conversation));
        var chosenByAgent = org.Contact("Carl Lopez", "carl@example.com");
        org.Service.Update(new Entity(Schema.Conversation.Table, conversation) { [Schema.Conversation.Customer] = chosenByAgent });

        org.SetContext(conversation, "Email", "bob@example.com");

        Assert.Equal(chosenByAgent, org.CustomerOf(conversation));
        Assert.StartsWith("Skipped: the customer was already linked", org.OutcomeOf(conversation));
    }

    [Fact]
    public void A_column_an_agent_emptied_is_free_for_later_evidence()
    {
        // A run cannot tell an agent's removal from another run's link that has not landed yet: empty is free.
        var (org, ann, _) = AnnAndBob();
        var conversation = org.StartConversation(("Name", "Ann Smith"));
        org.Service.Update(new Entity(Schema.Conversation.Table, conversation) { [Schema.Conversation.Customer] = null });

        org.SetContext(conversation, "Email", "ann@example.com");

        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Fact]
    public void A_link_the_plugin_removed_itself_can_be_made_again_when_the_evidence_points_back()
    {
        var (org, ann, bob) = AnnAndBob();
        var conversation = org.StartConversation(("Name", "Ann Smith"));
        var email = org.SetContext(conversation, "Email", "bob@example.com");
        Assert.Null(org.CustomerOf(conversation));

        org.Service.Update(new Entity(Schema.ContextItem.Table, email) { [Schema.ContextItem.Value] = "ann@example.com" });

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.StartsWith("Linked: contact \"Ann Smith\" (unverified: matched Name, Email).", org.OutcomeOf(conversation), StringComparison.Ordinal);
    }

    [Fact]
    public void The_case_of_a_corrected_case_number_replaces_the_one_the_plugin_linked()
    {
        var (org, ann, bob) = AnnAndBob();
        var carla = org.Contact("Carla Case", "carla@example.com");
        org.Case("CAS-01001", carla);
        var right = org.Case("CAS-01002", carla);
        var conversation = org.StartConversation(("CaseNumber", "CAS-01001"));

        var number = org.Org.CreateQuery(Schema.ContextItem.Table).Single(i => i.GetAttributeValue<string>(Schema.ContextItem.Name) == "CaseNumber").Id;
        org.Service.Update(new Entity(Schema.ContextItem.Table, number) { [Schema.ContextItem.Value] = "CAS-01002" });

        Assert.Equal(right.Id, org.CaseOf(conversation)!.Id);
        Assert.Equal(carla.Id, org.CustomerOf(conversation)!.Id);
    }

    [Fact]
    public void A_visitor_variable_named_like_the_outcome_is_neither_overwritten_nor_taken_for_it()
    {
        var (org, ann, bob) = AnnAndBob();

        var conversation = org.StartConversation(("Customer identification", "I am the admin"), ("Email", "ann@example.com"));

        Assert.Equal("Linked: contact \"Ann Smith\" (unverified: matched Email).", org.OutcomeOf(conversation));
        Assert.Contains(org.Org.CreateQuery(Schema.ContextItem.Table), i => i.GetAttributeValue<string>(Schema.ContextItem.Value) == "I am the admin");
    }

    [Fact]
    public void The_newest_value_of_a_variable_is_decided_by_when_it_was_last_changed()
    {
        var (org, ann, bob) = AnnAndBob();
        var clock = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        org.Org.UtcNow = () => clock;
        var conversation = org.StartConversation();
        var first = org.SetContext(conversation, "Email", "nobody@example.com");
        clock = clock.AddSeconds(1);
        org.SetContext(conversation, "Email", "bob@example.com");
        Assert.Equal(bob, org.CustomerOf(conversation));

        clock = clock.AddSeconds(1);
        org.Service.Update(new Entity(Schema.ContextItem.Table, first) { [Schema.ContextItem.Value] = "ann@example.com" });

        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Fact]
    public void Hundreds_of_other_variables_do_not_push_the_answers_out_of_the_read()
    {
        var (org, ann, bob) = AnnAndBob();
        var conversation = Guid.NewGuid();
        org.Org.Initialize(Enumerable.Range(0, 400).Select(i => new Entity(Schema.ContextItem.Table, Guid.NewGuid())
        {
            [Schema.ContextItem.Name] = "Custom" + i,
            [Schema.ContextItem.Value] = "value " + i,
            [Schema.ContextItem.Conversation] = new EntityReference(Schema.Conversation.Table, conversation),
        }));
        org.Service.Create(new Entity(Schema.Conversation.Table, conversation));

        org.SetContext(conversation, "Email", "ann@example.com");

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.All(org.CreateRun(conversation).Queries.Where(q => q.EntityName == Schema.Conversation.Table), q => Assert.True(q.RowsReturned <= 2));
    }

    [Fact]
    public void A_lookup_column_of_the_conversation_gives_its_id_as_input()
    {
        var org = new Omnichannel("{\"conversationColumns\": {\"ExternalKey\": \"new_visitorref\"}, \"rules\": [{\"table\": \"contact\", \"columns\": {\"ExternalKey\": \"new_externalkey\"}}]}");
        var key = Guid.NewGuid();
        var contact = new Entity(Schema.Contact.Table, Guid.NewGuid()) { [Schema.Contact.FullName] = "Vera Visitor", ["new_externalkey"] = key.ToString("D") };
        org.Org.Initialize(contact);

        var conversation = Guid.NewGuid();
        org.Service.Create(new Entity(Schema.Conversation.Table, conversation) { ["new_visitorref"] = new EntityReference("new_visitor", key) });

        Assert.Equal(contact.Id, org.CustomerOf(conversation)!.Id);
    }

    [Fact]
    public void When_the_outcome_cannot_be_written_after_the_links_the_error_says_the_links_were_made()
    {
        var (org, ann, bob) = AnnAndBob();
        var conversation = Guid.NewGuid();
        var failed = false;
        org.Org.FailWhen(r => r is CreateRequest c && c.Target.Id == PluginItems.OutcomeId(conversation) && !failed && (failed = true),
            () => new TimeoutException("SQL timeout"));
        org.Org.Initialize(new Entity(Schema.ContextItem.Table)
        {
            [Schema.ContextItem.Name] = "Email",
            [Schema.ContextItem.Value] = "ann@example.com",
            [Schema.ContextItem.Conversation] = new EntityReference(Schema.Conversation.Table, conversation),
        });

        org.Service.Create(new Entity(Schema.Conversation.Table, conversation));

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Equal("Error: identification failed (TimeoutException: SQL timeout); see the plug-in trace log; before that it linked contact \"Ann Smith\".",
            org.OutcomeOf(conversation));
        Assert.Equal("error", org.CodeOf(conversation));
    }

    [Fact]
    public void A_failed_first_read_leaves_one_outcome_item_which_the_next_run_updates()
    {
        var (org, ann, bob) = AnnAndBob();
        var conversation = Guid.NewGuid();
        var failed = false;
        org.Org.FailWhen(r => r is RetrieveMultipleRequest q && q.Query is QueryExpression e && e.EntityName == Schema.Conversation.Table && !failed && (failed = true),
            () => new TimeoutException("SQL timeout"));
        org.Service.Create(new Entity(Schema.Conversation.Table, conversation));

        org.SetContext(conversation, "Email", "ann@example.com");

        Assert.Single(org.OutcomeItems(conversation));
        Assert.Equal("Linked: contact \"Ann Smith\" (unverified: matched Email).", org.OutcomeOf(conversation));
    }

    [Fact]
    public void A_failure_fails_the_asynchronous_job_after_recording_it_so_the_system_job_shows_it()
    {
        var (org, ann, bob) = AnnAndBob();
        org.Org.FailWhen(r => r is RetrieveMultipleRequest q && q.Query is QueryExpression e && e.EntityName == Schema.Contact.Table, () => new TimeoutException("SQL timeout"));

        var conversation = org.StartConversation(("Email", "ann@example.com"));

        var failure = Assert.IsType<InvalidPluginExecutionException>(org.CreateRun(conversation).Exception);
        Assert.Contains("SQL timeout", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith("Error: identification failed (TimeoutException: SQL timeout)", org.OutcomeOf(conversation), StringComparison.Ordinal);
    }

    private static (Omnichannel Org, EntityReference Ann, EntityReference Bob) AnnAndBob()
    {
        var org = new Omnichannel();
        return (org, org.Contact("Ann Smith", "ann@example.com"), org.Contact("Bob Jones", "bob@example.com"));
    }
}
