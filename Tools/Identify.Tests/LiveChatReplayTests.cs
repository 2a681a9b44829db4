using System;
using System.Linq;
using Identification.Identify.Conversations;
using Identification.Identify.Replay;
using Identification.Plugins;
using Identification.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Tests;

/// <summary>A signed-in chat replayed as Omnichannel writes it: the conversation, then its live-chat context through the service.</summary>
public class LiveChatReplayTests
{
    private static readonly Guid Ana = new("a0000000-0000-4000-8000-000000000001");
    private static readonly Guid Bo = new("a0000000-0000-4000-8000-000000000002");

    private static ReplaySession Session()
    {
        var session = new ReplaySession(null);
        session.Seed(Schema.Contact.Table, [Contact(Ana, "Ana Silva", "ana@example.com"), Contact(Bo, "Bo Berg", "bo@example.com")]);
        return session;
    }

    private static Entity Contact(Guid id, string name, string email)
    {
        var contact = new Entity(Schema.Contact.Table, id);
        contact[Schema.Contact.FullName] = name;
        contact[Schema.Contact.Email] = email;
        contact[Schema.StateCode] = new OptionSetValue(0);
        return contact;
    }

    private static ConversationInput Chat(PortalIdentity? portal, params ContextValue[] context) =>
        new(1, Guid.NewGuid(), Channel.Chat, context, null, [], null, null, Portal: portal);

    [Fact]
    public void Creates_one_live_chat_context_with_the_three_columns_after_the_conversation()
    {
        var session = Session();
        var conversation = Chat(new PortalIdentity(Ana.ToString(), true));

        session.Replay(conversation);

        var context = Assert.Single(session.Organization.CreateQuery(Schema.LiveChatContext.Table).ToList());
        Assert.Equal(Ana.ToString(), context.GetAttributeValue<string>(Schema.LiveChatContext.PortalContactId));
        Assert.True(context.GetAttributeValue<bool>(Schema.LiveChatContext.IsAuthenticated));
        Assert.Equal(new EntityReference(Schema.Conversation.Table, conversation.Id), context.GetAttributeValue<EntityReference>(Schema.LiveChatContext.Conversation));
        Assert.Equal(Schema.LiveChatContext.Id, session.Organization.PrimaryKeyOf(Schema.LiveChatContext.Table));
    }

    [Fact]
    public void Fires_the_registered_live_chat_step_which_links_the_signed_in_contact()
    {
        var session = Session();

        var result = session.Replay(Chat(new PortalIdentity(Ana.ToString(), true)));

        var topLevel = result.Runs.Where(r => r.Depth == 1).Select(r => (r.MessageName, r.PrimaryEntityName)).ToArray();
        Assert.Equal([("Create", Schema.Conversation.Table), ("Create", Schema.LiveChatContext.Table)], topLevel);
        Assert.Contains(PluginSteps.LiveChatContextCreate, PluginSteps.All);
        Assert.Equal(new RecordLink(Schema.Contact.Table, Ana), result.Customer);
        Assert.Equal("linked:verified", result.Code);
        Assert.Equal("Linked: contact \"Ana Silva\" (signed-in customer).", result.Outcome);
    }

    [Fact]
    public void Keeps_the_signed_in_contact_over_typed_answers_that_name_someone_else_and_notes_them()
    {
        var session = Session();

        var result = session.Replay(Chat(new PortalIdentity(Ana.ToString(), true), new ContextValue("Email", "bo@example.com")));

        Assert.Equal(new RecordLink(Schema.Contact.Table, Ana), result.Customer);
        Assert.StartsWith("linked:verified", result.Code, StringComparison.Ordinal);
        Assert.Contains("the typed Email differs from the signed-in customer's and is not followed", result.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_an_anonymous_chats_portal_id_as_not_authenticated_and_does_not_trust_it()
    {
        var session = Session();

        var result = session.Replay(Chat(new PortalIdentity(Ana.ToString(), false)));

        var context = Assert.Single(session.Organization.CreateQuery(Schema.LiveChatContext.Table).ToList());
        Assert.False(context.GetAttributeValue<bool>(Schema.LiveChatContext.IsAuthenticated));
        Assert.True(context.Contains(Schema.LiveChatContext.IsAuthenticated));
        Assert.Null(result.Customer);
        Assert.Contains("the chat is not authenticated, so its portal contact id is not trusted", result.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void Creates_no_live_chat_context_for_a_chat_without_a_portal_identity()
    {
        var session = Session();
        var conversation = Chat(null, new ContextValue("Email", "ana@example.com"));

        var result = session.Replay(conversation);

        Assert.Empty(session.Organization.CreateQuery(Schema.LiveChatContext.Table).ToList());
        Assert.Empty(ReplaySession.LateEvidence(conversation));
        Assert.Equal(new RecordLink(Schema.Contact.Table, Ana), result.Customer);
    }

    [Fact]
    public void Counts_the_live_chat_context_as_late_evidence_before_the_late_variables()
    {
        var conversation = Chat(new PortalIdentity(Ana.ToString(), true)) with { Late = [new ContextValue("Email", "bo@example.com")] };

        Assert.Equal(["live-chat context", "Email"], ReplaySession.LateEvidence(conversation));
    }

    [Fact]
    public void Ends_with_the_signed_in_contact_whichever_of_the_late_pieces_arrives_first()
    {
        var session = Session();
        var conversation = Chat(new PortalIdentity(Ana.ToString(), true), new ContextValue("Email", "bo@example.com"))
            with { Late = [new ContextValue("Name", "Bo Berg")], Expect = new Expectation(new RecordLink(Schema.Contact.Table, Ana), null) };

        var fileOrder = session.Replay(conversation);
        var orders = OrderCheck.Run(session, conversation, fileOrder)!;

        Assert.Equal(new RecordLink(Schema.Contact.Table, Ana), fileOrder.Customer);
        Assert.Equal(2, orders.Orders);
        Assert.Empty(orders.Differing);
        Assert.Equal(0, orders.ExpectationsNotMet);
    }
}
