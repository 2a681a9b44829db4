using System;
using System.IO;
using System.Linq;
using Identification.Identify.Conversations;
using Identification.Identify.Data;
using Identification.Identify.Generation;
using Identification.Identify.Replay;
using Identification.Plugins;
using Identification.Plugins.Configuration;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Tests;

public class SampleGeneratorTests
{
    [Fact]
    public void Writes_the_same_files_for_the_same_seed()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var options = GeneratorOptions.ForContacts(50, conversations: 40);

        new SampleGenerator(options).WriteTo(first.Path, TableFormat.Json);
        new SampleGenerator(options).WriteTo(second.Path, TableFormat.Json);

        foreach (var file in new[] { "data/contact.json", "data/account.json", "data/incident.json", "conversations.jsonl", "config.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, file)), File.ReadAllBytes(Path.Combine(second.Path, file)));
        }
    }

    [Fact]
    public void Cycles_through_every_scenario()
    {
        var generator = new SampleGenerator(GeneratorOptions.ForContacts(10, conversations: SampleGenerator.Scenarios.Count));

        Assert.Equal(SampleGenerator.Scenarios, generator.Conversations.Select(c => c.Scenario!).ToArray());
        Assert.All(generator.Conversations, c => Assert.NotNull(c.Expect));
    }

    [Fact]
    public void Meets_every_scenarios_expectation_in_every_order_of_its_late_evidence()
    {
        // Two rounds, so the scenarios that alternate (contact or account, resolved or cancelled, sms or voice) show both.
        var (generator, session) = Replayed(SampleGenerator.Scenarios.Count * 2);

        foreach (var conversation in generator.Conversations)
        {
            var result = session.Replay(conversation);
            var orders = OrderCheck.Run(session, conversation, result);

            Assert.True(result.MeetsExpectation, $"{conversation.Scenario}: {result.Outcome}");
            Assert.True(orders is null || (orders.ExpectationsNotMet == 0 && orders.Differing.Count == 0),
                $"{conversation.Scenario}: {string.Join("; ", orders?.Differing ?? [])}");
        }
    }

    [Theory]
    [InlineData("signed-in contact", "linked:verified", "(signed-in customer)")]
    [InlineData("signed-in contact, typed answers of someone else", "linked:verified", "the typed Name and Email differ from the signed-in customer's and are not followed")]
    [InlineData("signed-in id of an inactive contact", "linked:identifier", "the signed-in identity is not an active contact, so it is not used")]
    [InlineData("signed-in contact with a custom status reason", "linked:verified", "(signed-in customer)")]
    [InlineData("signed-in id that is not a GUID", "linked:identifier", "the signed-in identity is not a record id, so it is not used")]
    [InlineData("signed-in id of an account", "none", "the signed-in identity is not an active contact, so it is not used")]
    [InlineData("contact id on an unauthenticated chat", "untrusted", "the chat is not authenticated, so its portal contact id is not trusted")]
    [InlineData("late signed-in identity", "linked:verified", "the typed Name and Email differ from the signed-in customer's and are not followed")]
    [InlineData("case number of another customer with answers that match nobody", "none", "its customer does not match the typed Name, Email and Phone, so neither is linked")]
    public void Ends_a_signed_in_or_attack_scenario_with_its_code_and_says_why(string scenario, string code, string because)
    {
        var (generator, session) = Replayed(SampleGenerator.Scenarios.Count);
        var conversation = generator.Conversations.Single(c => c.Scenario == scenario);

        var result = session.Replay(conversation);

        Assert.True(result.MeetsExpectation, result.Outcome);
        Assert.Equal(code, result.Code!.Split(';')[0]);
        Assert.Contains(because, result.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void Gives_the_signed_in_scenarios_the_live_chat_context_they_describe()
    {
        var generator = new SampleGenerator(GeneratorOptions.ForContacts(10, conversations: SampleGenerator.Scenarios.Count));
        PortalIdentity? Portal(string scenario) => generator.Conversations.Single(c => c.Scenario == scenario).Portal;
        var contacts = generator.Contacts().ToDictionary(c => c.Id);
        var accounts = generator.Accounts().ToDictionary(a => a.Id);

        Assert.All(generator.Conversations.Where(c => !c.Scenario!.Contains("signed-in", StringComparison.Ordinal) && !c.Scenario.Contains("unauthenticated", StringComparison.Ordinal)),
            c => Assert.Null(c.Portal));
        Assert.True(Portal("signed-in contact")!.Authenticated);
        Assert.Equal(1, contacts[Guid.Parse(Portal("signed-in id of an inactive contact")!.PortalContactId)].GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal(100_000_001, contacts[Guid.Parse(Portal("signed-in contact with a custom status reason")!.PortalContactId)].GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.False(Guid.TryParse(Portal("signed-in id that is not a GUID")!.PortalContactId, out _));
        Assert.Contains(Guid.Parse(Portal("signed-in id of an account")!.PortalContactId), accounts.Keys);
        Assert.False(Portal("contact id on an unauthenticated chat")!.Authenticated);
        Assert.Contains(Guid.Parse(Portal("contact id on an unauthenticated chat")!.PortalContactId), contacts.Keys);
        Assert.Equal(["live-chat context", "Name"], ReplaySession.LateEvidence(generator.Conversations.Single(c => c.Scenario == "late signed-in identity")));
    }

    private static (SampleGenerator Generator, ReplaySession Session) Replayed(int conversations)
    {
        var generator = new SampleGenerator(GeneratorOptions.ForContacts(200, conversations: conversations));
        var session = new ReplaySession(SampleGenerator.Configuration);
        session.Seed(Schema.Contact.Table, generator.Contacts());
        session.Seed(Schema.Account.Table, generator.Accounts());
        session.Seed(Schema.Incident.Table, generator.Cases());
        return (generator, session);
    }

    [Fact]
    public void Writes_files_the_replay_reads_back_in_both_formats()
    {
        foreach (var format in new[] { TableFormat.Json, TableFormat.Csv })
        {
            using var directory = new TempDirectory();
            var generator = new SampleGenerator(GeneratorOptions.ForContacts(30, conversations: 25));

            generator.WriteTo(directory.Path, format);
            var tables = DataDirectory.FindTables(Path.Combine(directory.Path, "data"));
            var conversations = ConversationFile.Read(Path.Combine(directory.Path, "conversations.jsonl")).ToList();

            Assert.Equal(["account", "contact", "incident"], tables.Select(t => t.LogicalName).ToArray());
            var contacts = tables.Single(t => t.LogicalName == "contact").ReadRows("contactid").Select(r => r.Entity).ToList();
            Assert.Equal(generator.Contacts().Count(), contacts.Count);
            var expected = generator.Contacts().ToList();
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Id, contacts[i].Id);
                Assert.Equal(expected[i].Attributes.OrderBy(a => a.Key).ToList(), contacts[i].Attributes.OrderBy(a => a.Key).ToList());
            }

            Assert.Equal(generator.Conversations.Select(c => c.Id), conversations.Select(c => c.Id));
            IdentificationSettings.Parse(File.ReadAllText(Path.Combine(directory.Path, "config.json")));
        }
    }

    [Fact]
    public void Gives_every_background_contact_a_unique_email_and_phone()
    {
        var contacts = new SampleGenerator(GeneratorOptions.ForContacts(5000, conversations: 0)).Contacts().ToList();

        Assert.Equal(contacts.Count, contacts.Select(c => c.GetAttributeValue<string>("emailaddress1")).Distinct().Count());
        Assert.Equal(contacts.Count, contacts.Select(c => c.GetAttributeValue<string>("mobilephone")).Distinct().Count());
        Assert.Equal(contacts.Count, contacts.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Keeps_every_case_number_unique()
    {
        var generator = new SampleGenerator(GeneratorOptions.ForContacts(500, conversations: 200));

        var numbers = generator.Cases().Select(c => c.GetAttributeValue<string>("ticketnumber")).ToList();

        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
