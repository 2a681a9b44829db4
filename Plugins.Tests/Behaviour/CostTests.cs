using System.Linq;
using Identification.LocalOrg;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Identification.Plugins.Identification;
using Identification.Plugins.Links;
using Identification.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>
/// SPEC §6: one read of the conversation's state (the row, its engagement contexts and its context variables in one
/// query), then at most one query per table that has an input (a later table is not queried once an earlier one
/// decided), each for two rows and named columns. A run that writes reads the state once more to verify that nothing
/// changed under it; a run with nothing to change writes nothing. Writes: the code item (with the claim of a new
/// link, before the link), the links, the outcome line.
/// </summary>
public class CostTests
{
    public static TheoryData<string, string[], string[], string[]> Scenarios => new()
    {
        // scenario, inputs (key=value), tables queried between the two state reads, writes
        { "one contact by email, no case", new[] { "Email=ann@contoso.com" }, new[] { "contact", "incident" }, new[] { "code", "links", "outcome" } },
        { "contact not found, account by phone", new[] { "Phone=+14255550100" }, new[] { "contact", "account", "incident" }, new[] { "code", "links", "outcome" } },
        { "nobody matches", new[] { "Name=Nobody", "Email=nobody@contoso.com" }, new[] { "contact", "account" }, new[] { "code", "outcome" } },
        { "case by number gives the customer (checked active in the same query)", new[] { "CaseNumber=CAS-01001" }, new[] { "incident" }, new[] { "code", "links", "outcome" } },
        { "customer and case", new[] { "Email=ann@contoso.com", "CaseNumber=CAS-01001" }, new[] { "contact", "incident" }, new[] { "code", "links", "outcome" } },
        { "no input", new[] { "Topic=Billing" }, System.Array.Empty<string>(), new[] { "code", "outcome" } },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Queries_and_writes_stay_at_the_minimum(string scenario, string[] inputs, string[] tables, string[] writes)
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        org.Account("Contoso", phone: "+14255550100");
        org.Case("CAS-01001", ann);

        var conversation = org.StartConversation(inputs.Select(i => (i.Split('=')[0], i.Split('=')[1])).ToArray());
        var run = org.CreateRun(conversation);

        var queried = run.Queries.Select(q => q.EntityName).ToArray();
        Assert.Equal(new[] { Schema.Conversation.Table }.Concat(tables).Append(Schema.Conversation.Table).ToArray(), queried);
        Assert.All(run.Queries.Skip(1).SkipLast(1), q => Assert.Equal(2, q.TopCount));
        Assert.All(run.Queries, q => Assert.False(q.AllColumns, scenario + ": " + q.EntityName + " asks for all columns"));
        Assert.All(run.Queries, q => Assert.NotEmpty(q.Columns));
        Assert.Equal(writes, run.Writes.Select(w => Kind(org, w)).ToArray());
    }

    [Fact]
    public void A_phone_number_in_any_written_form_still_costs_one_query_per_table()
    {
        var org = new Omnichannel("""{"defaultCountryCode": "1"}""");
        org.Account("Contoso", phone: "(425) 555-0100");

        var conversation = org.StartConversation(("Phone", "1-425-555-0100"));
        var run = org.CreateRun(conversation);

        Assert.Equal(new[] { Schema.Conversation.Table, "contact", "account", "incident", Schema.Conversation.Table }, run.Queries.Select(q => q.EntityName).ToArray());
        Assert.All(run.Queries.Skip(1).SkipLast(1), q => Assert.Equal(2, q.TopCount));
        Assert.NotNull(org.CustomerOf(conversation));
    }

    /// <summary>Issue 13: the written forms of a number are one <c>in</c> condition per phone column, at most 12 values each, in the rule's one query.</summary>
    [Theory]
    [InlineData("1-425-555-0100 x12", "1")]
    [InlineData("+44 (0)20 7946 0000", "44")]
    [InlineData("0412 345 678", "AU")]
    [InlineData("01 23 45 67 89", "FR")]
    [InlineData("not a number", "1")]
    public void A_phone_rule_is_one_query_with_a_bounded_in_list_per_column(string typed, string defaultCountry)
    {
        var settings = IdentificationSettings.Parse("{\"defaultCountryCode\": \"" + defaultCountry
            + "\", \"phoneColumns\": {\"contact\": [\"mobilephone\", \"telephone1\", \"telephone2\", \"telephone3\"]}}");
        var inputs = new InputSet.Builder().Offer("Phone", typed, InputSource.ContextVariable).Build();

        var plan = RulePlan.For(settings.CustomerRules[0], inputs, settings, minimumInputs: 1);

        var query = Assert.IsType<QueryExpression>(plan.Query);
        Assert.Equal(2, query.TopCount);
        var phone = Assert.Single(query.Criteria.Filters);
        Assert.Equal(4, phone.Conditions.Count);
        Assert.All(phone.Conditions, c => Assert.InRange(c.Values.Count, 1, PhoneNumbers.MaximumCandidates));
        Assert.All(phone.Conditions, c => Assert.Equal(typed, c.Values[0]));
    }

    [Fact]
    public void A_late_variable_costs_one_state_read_its_rules_and_the_verifying_read()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = org.StartConversation(("Topic", "Billing"));
        var before = org.Org.Runs.Count;

        org.SetContext(conversation, "Email", "ann@contoso.com");

        var run = org.Org.Runs.Skip(before).First(r => r.Queries.Count > 0);
        Assert.Equal(new[] { Schema.Conversation.Table, "contact", "incident", Schema.Conversation.Table }, run.Queries.Select(q => q.EntityName).ToArray());
        Assert.Equal(new[] { "code", "links", "outcome" }, run.Writes.Select(w => Kind(org, w)).ToArray());
    }

    [Fact]
    public void Evidence_that_changes_nothing_costs_one_read_and_no_write()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = org.StartConversation();
        var email = org.SetContext(conversation, "Email", "ann@contoso.com");
        var before = org.Org.Runs.Count;

        org.Service.Update(new Microsoft.Xrm.Sdk.Entity(Schema.ContextItem.Table, email) { [Schema.ContextItem.Value] = "ann@contoso.com" });

        var run = org.Org.Runs.Skip(before).Single();
        Assert.Equal(new[] { Schema.Conversation.Table, "contact", "incident" }, run.Queries.Select(q => q.EntityName).ToArray());
        Assert.Empty(run.Writes);
    }

    [Fact]
    public void The_links_write_names_only_the_links()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        WriteRecord links = org.CreateRun(conversation).Writes.Single(w => w.EntityName == Schema.Conversation.Table);
        Assert.Subset(new[] { Schema.Conversation.Customer, Schema.Conversation.Case }.ToHashSet(),
            links.Attributes.Where(a => a != Schema.Conversation.Id).ToHashSet());
    }

    /// <summary>What a write is, as the cost model counts it: the links, the outcome, or the code (with the plug-in's claims).</summary>
    private static string Kind(Omnichannel org, WriteRecord write) =>
        write.EntityName == Schema.Conversation.Table ? "links"
        : write.Id == PluginItems.OutcomeId(ConversationOf(org, write)) ? "outcome"
        : write.Id == PluginItems.CodeId(ConversationOf(org, write)) ? "code"
        : "other: " + write;

    private static System.Guid ConversationOf(Omnichannel org, WriteRecord write) =>
        org.Org.Find(Schema.ContextItem.Table, write.Id)!.GetAttributeValue<Microsoft.Xrm.Sdk.EntityReference>(Schema.ContextItem.Conversation).Id;
}
