using System;
using System.IO;
using System.Linq;
using System.Text;
using Identification.Identify.Conversations;

namespace Identification.Identify.Tests;

public class ConversationFileTests
{
    private static ConversationInput[] Read(string jsonLines) => Read(Encoding.UTF8.GetBytes(jsonLines));

    private static ConversationInput[] Read(byte[] jsonLines) =>
        ConversationFile.Read(new MemoryStream(jsonLines), "conversations.jsonl").ToArray();

    [Fact]
    public void Reads_every_part_of_a_conversation_line()
    {
        var conversation = Assert.Single(Read("""
            {"id": "0f8fad5b-d9cb-469f-a165-70867728950e", "channel": "sms", "phone": "+1 (425) 555-0100", "context": {"Name": "Ana Silva", "CaseNumber": 1001}, "late": {"Email": "ana@example.com"}, "customer": {"logicalName": "account", "id": "11111111-2222-3333-4444-555555555555"}, "case": {"id": "21111111-2222-3333-4444-555555555555"}, "scenario": "a label", "expect": {"customer": null, "case": {"id": "21111111-2222-3333-4444-555555555555"}}}
            """));

        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), conversation.Id);
        Assert.Equal(Channel.Sms, conversation.Channel);
        Assert.Equal("+1 (425) 555-0100", conversation.Phone);
        Assert.Equal([new ContextValue("Name", "Ana Silva"), new ContextValue("CaseNumber", "1001")], conversation.Context);
        Assert.Equal([new ContextValue("Email", "ana@example.com")], conversation.Late);
        Assert.Equal(new RecordLink("account", Guid.Parse("11111111-2222-3333-4444-555555555555")), conversation.Customer);
        Assert.Equal(new RecordLink("incident", Guid.Parse("21111111-2222-3333-4444-555555555555")), conversation.Case);
        Assert.Equal("a label", conversation.Scenario);
        Assert.Equal(new Expectation(null, new RecordLink("incident", Guid.Parse("21111111-2222-3333-4444-555555555555"))), conversation.Expect);
        Assert.Equal(1, conversation.Line);
    }

    [Theory]
    [InlineData("{\"authenticated\": true, \"portalContactId\": \"a0000000-0000-4000-8000-000000000001\"}", "a0000000-0000-4000-8000-000000000001", true)]
    [InlineData("{\"portalContactId\": \"a0000000-0000-4000-8000-000000000001\", \"authenticated\": false}", "a0000000-0000-4000-8000-000000000001", false)]
    [InlineData("{\"channel\": \"chat\", \"authenticated\": true, \"portalContactId\": \"auth0|5f1c9e\"}", "auth0|5f1c9e", true)]
    public void Reads_a_chats_signed_in_identity_as_given(string line, string portalContactId, bool authenticated)
    {
        var conversation = Assert.Single(Read(line));

        Assert.Equal(new PortalIdentity(portalContactId, authenticated), conversation.Portal);
    }

    [Fact]
    public void Takes_a_portal_contact_id_without_authenticated_as_an_anonymous_chat()
    {
        var conversation = Assert.Single(Read("{\"portalContactId\": \"a0000000-0000-4000-8000-000000000001\"}"));

        Assert.Equal(new PortalIdentity("a0000000-0000-4000-8000-000000000001", false), conversation.Portal);
    }

    [Fact]
    public void Gives_a_chat_without_a_portal_identity_no_live_chat_context()
    {
        var conversation = Assert.Single(Read("{\"context\": {\"Email\": \"a@example.com\"}}"));

        Assert.Null(conversation.Portal);
    }

    [Fact]
    public void Gives_a_conversation_without_an_id_the_same_id_on_every_run()
    {
        var first = Read("\n{\"context\": {\"Email\": \"a@example.com\"}}\n");
        var again = Read("\n{\"context\": {\"Email\": \"b@example.com\"}}\n");

        Assert.Equal(Channel.Chat, first[0].Channel);
        Assert.Equal(2, first[0].Line);
        Assert.Equal(first[0].Id, again[0].Id);
        Assert.NotEqual(Guid.Empty, first[0].Id);
    }

    [Theory]
    [InlineData("{\"channel\": \"chat\"", "not valid JSON")]
    [InlineData("[1, 2]", "each line must be a JSON object")]
    [InlineData("{\"channel\": \"email\"}", "channel must be \"chat\", \"sms\" or \"voice\", found \"email\"")]
    [InlineData("{\"channel\": 1}", "channel must be \"chat\", \"sms\" or \"voice\", found 1")]
    [InlineData("{\"contxt\": {}}", "unknown property 'contxt'")]
    [InlineData("{\"id\": \"12\"}", "id must be a GUID string")]
    [InlineData("{\"channel\": \"voice\"}", "a voice conversation needs \"phone\"")]
    [InlineData("{\"channel\": \"chat\", \"phone\": \"+14255550100\"}", "for chat put it in context.Phone")]
    [InlineData("{\"context\": {\"Email\": true}}", "context.Email must be a string")]
    [InlineData("{\"context\": [\"Email\"]}", "context must be an object")]
    [InlineData("{\"late\": {\"Email\": \"a\", \"email\": \"b\"}}", "late has 'email' twice")]
    [InlineData("{\"customer\": {\"logicalName\": \"lead\", \"id\": \"11111111-2222-3333-4444-555555555555\"}}", "customer.logicalName must be contact or account")]
    [InlineData("{\"customer\": {\"logicalName\": \"contact\"}}", "customer needs an id")]
    [InlineData("{\"case\": \"CAS-1\"}", "case must be {\"id\": \"<guid>\"}")]
    [InlineData("{\"expect\": {\"contact\": null}}", "expect has customer and case only")]
    [InlineData("{\"authenticated\": \"yes\", \"portalContactId\": \"x\"}", "authenticated must be true or false (msdyn_isauthenticated), found \"yes\"")]
    [InlineData("{\"authenticated\": 1, \"portalContactId\": \"x\"}", "authenticated must be true or false (msdyn_isauthenticated), found 1")]
    [InlineData("{\"authenticated\": true, \"portalContactId\": 42}", "portalContactId must be a non-empty string")]
    [InlineData("{\"authenticated\": true, \"portalContactId\": {\"id\": \"a0000000-0000-4000-8000-000000000001\"}}", "portalContactId must be a non-empty string")]
    [InlineData("{\"authenticated\": true, \"portalContactId\": \" \"}", "portalContactId must be a non-empty string")]
    [InlineData("{\"authenticated\": true, \"portalContactId\": null}", "portalContactId must be a non-empty string")]
    [InlineData("{\"authenticated\": true}", "authenticated needs portalContactId")]
    [InlineData("{\"authenticated\": false}", "for an anonymous chat leave both out")]
    [InlineData("{\"channel\": \"sms\", \"phone\": \"+14255550100\", \"authenticated\": true, \"portalContactId\": \"a0000000-0000-4000-8000-000000000001\"}", "describe a chat's live-chat context, and this conversation's channel is sms: remove them, or make the channel \"chat\"")]
    [InlineData("{\"channel\": \"voice\", \"phone\": \"+14255550100\", \"portalContactId\": \"a0000000-0000-4000-8000-000000000001\"}", "this conversation's channel is voice")]
    [InlineData("{\"authenticated\": true, \"authenticated\": true, \"portalContactId\": \"x\"}", "a line has 'authenticated' twice")]
    public void Names_the_file_and_line_of_a_bad_conversation(string badLine, string problem)
    {
        var error = Assert.Throws<InputFileException>(() => Read("{\"context\": {}}\n" + badLine + "\n"));

        Assert.StartsWith("conversations.jsonl line 2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_portal_contact_id_longer_than_its_column()
    {
        var fits = Read($"{{\"authenticated\": true, \"portalContactId\": \"{new string('x', ConversationFile.PortalContactIdLength)}\"}}\n");
        var error = Assert.Throws<InputFileException>(() => Read($"{{\"authenticated\": true, \"portalContactId\": \"{new string('x', ConversationFile.PortalContactIdLength + 1)}\"}}\n"));

        Assert.Single(fits);
        Assert.Equal("conversations.jsonl line 1: portalContactId has 101 characters; msdyn_portalcontactid holds at most 100", error.Message);
    }

    [Fact]
    public void Refuses_an_id_used_twice()
    {
        var line = "{\"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}\n";

        var error = Assert.Throws<InputFileException>(() => Read(line + line));

        Assert.Equal("conversations.jsonl line 2: id 0f8fad5b-d9cb-469f-a165-70867728950e is already used on line 1", error.Message);
    }

    [Fact]
    public void Writes_lines_that_read_back_as_the_same_conversation()
    {
        var conversation = new ConversationInput(1, Guid.NewGuid(), Channel.Voice, [new ContextValue("CaseNumber", "CAS-01001-ABCDEF")], "001 425 555 0100",
            [new ContextValue("Email", "ana@example.com")], new RecordLink("contact", Guid.NewGuid()), new RecordLink("incident", Guid.NewGuid()),
            "some scenario", new Expectation(new RecordLink("contact", Guid.NewGuid()), null));
        var text = new StringWriter();

        ConversationFile.Write(text, conversation);
        var copy = Assert.Single(Read(text.ToString()));

        Assert.Equal(conversation.Id, copy.Id);
        Assert.Equal(conversation.Channel, copy.Channel);
        Assert.Equal(conversation.Context, copy.Context);
        Assert.Equal(conversation.Late, copy.Late);
        Assert.Equal(conversation.Phone, copy.Phone);
        Assert.Equal(conversation.Customer, copy.Customer);
        Assert.Equal(conversation.Case, copy.Case);
        Assert.Equal(conversation.Scenario, copy.Scenario);
        Assert.Equal(conversation.Expect, copy.Expect);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Writes_a_signed_in_chat_that_reads_back_with_its_portal_identity(bool authenticated)
    {
        var conversation = new ConversationInput(1, Guid.NewGuid(), Channel.Chat, [new ContextValue("Email", "ana@example.com")], null, [], null, null,
            Portal: new PortalIdentity("not-a-guid \"quoted\"", authenticated));
        var text = new StringWriter();

        ConversationFile.Write(text, conversation);
        var copy = Assert.Single(Read(text.ToString()));

        Assert.Equal(conversation.Portal, copy.Portal);
        Assert.Contains($"\"authenticated\":{(authenticated ? "true" : "false")},\"portalContactId\":", text.ToString(), StringComparison.Ordinal);
    }
}
