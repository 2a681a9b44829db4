using System;
using System.IO;
using System.Linq;
using Identification.Identify.Conversations;
using Identification.Identify.Data;
using Identification.Identify.Generation;
using Identification.Plugins.Configuration;

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
