using System.Linq;
using Identification.LocalOrg;
using Identification.Plugins.Tests.Support;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>
/// SPEC §6: at most one query per table that has an input (a later table is not queried once an earlier one
/// decided), each for two rows and named columns; one write for the links and at most one for the outcome.
/// Before those, every run reads the conversation (with its voice/SMS context) and its context variables once each.
/// </summary>
public class CostTests
{
    public static TheoryData<string, string[], string[], int> Scenarios => new()
    {
        // scenario, inputs (key=value), tables queried after the context variables, writes
        { "one contact by email, no case", new[] { "Email=ann@contoso.com" }, new[] { "contact", "incident" }, 2 },
        { "contact not found, account by phone", new[] { "Phone=+14255550100" }, new[] { "contact", "account", "incident" }, 2 },
        { "nobody matches", new[] { "Name=Nobody", "Email=nobody@contoso.com" }, new[] { "contact", "account" }, 1 },
        { "case by number gives the customer", new[] { "CaseNumber=CAS-01001" }, new[] { "incident" }, 2 },
        { "customer and case", new[] { "Email=ann@contoso.com", "CaseNumber=CAS-01001" }, new[] { "contact", "incident" }, 2 },
        { "no input", new[] { "Topic=Billing" }, System.Array.Empty<string>(), 1 },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Queries_and_writes_stay_at_the_minimum(string scenario, string[] inputs, string[] tables, int writes)
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        org.Account("Contoso", phone: "+14255550100");
        org.Case("CAS-01001", ann);

        var conversation = org.StartConversation(inputs.Select(i => (i.Split('=')[0], i.Split('=')[1])).ToArray());
        var run = org.CreateRun(conversation);

        Assert.True(run.Queries.Count >= 2, scenario);
        Assert.Equal(new[] { Schema.Conversation.Table, Schema.ContextItem.Table }, run.Queries.Take(2).Select(q => q.EntityName).ToArray());
        var identification = run.Queries.Skip(2).ToList();
        Assert.Equal(tables, identification.Select(q => q.EntityName).ToArray());
        Assert.All(identification, q => Assert.Equal(2, q.TopCount));
        Assert.All(run.Queries, q => Assert.False(q.AllColumns, scenario + ": " + q.EntityName + " asks for all columns"));
        Assert.All(run.Queries, q => Assert.NotEmpty(q.Columns));
        Assert.Equal(writes, run.Writes.Count);
        Assert.True(run.Writes.Count(w => w.EntityName == Schema.Conversation.Table) <= 1);
        Assert.True(run.Writes.Count(w => w.EntityName == Schema.ContextItem.Table) <= 1);
    }

    [Fact]
    public void A_late_variable_costs_the_same_two_reads_before_the_rules()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = org.StartConversation(("Topic", "Billing"));
        var before = org.Org.Runs.Count;

        org.SetContext(conversation, "Email", "ann@contoso.com");

        var run = org.Org.Runs.Skip(before).First(r => r.Queries.Count > 0);
        Assert.Equal(new[] { Schema.Conversation.Table, Schema.ContextItem.Table, "contact", "incident" }, run.Queries.Select(q => q.EntityName).ToArray());
        Assert.Equal(new[] { "Update msdyn_ocliveworkitem", "Update msdyn_ocliveworkitemcontextitem" },
            run.Writes.Select(w => w.MessageName + " " + w.EntityName).ToArray());
    }

    [Fact]
    public void The_links_write_names_only_the_links()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        WriteRecord links = org.CreateRun(conversation).Writes.Single(w => w.EntityName == Schema.Conversation.Table);
        Assert.Equal(new[] { Schema.Conversation.Customer }, links.Attributes.Where(a => a != Schema.Conversation.Id).ToArray());
    }
}
