using System;
using Identification.Plugins.Tests.Support;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>SPEC §3.1–3.3: contact and account rules, and how their matches resolve to one customer.</summary>
public class CustomerRuleTests
{
    private const string Email = "pat@contoso.com";

    [Theory]
    [InlineData(1, 0, "contact")]
    [InlineData(1, 1, "contact")]
    [InlineData(1, 2, "contact")]
    [InlineData(0, 1, "account")]
    [InlineData(2, 1, "account")]
    [InlineData(0, 0, null)]
    [InlineData(0, 2, null)]
    [InlineData(2, 0, null)]
    [InlineData(2, 2, null)]
    public void Resolves_the_customer_as_the_built_in_feature_does(int contacts, int accounts, string? linked)
    {
        var org = new Omnichannel();
        for (var i = 0; i < contacts; i++)
        {
            org.Contact("Pat Contact " + i, Email);
        }

        for (var i = 0; i < accounts; i++)
        {
            org.Account("Pat Account " + i, Email);
        }

        var conversation = org.StartConversation(("Email", Email));

        Assert.Equal(linked, org.CustomerOf(conversation)?.LogicalName);
    }

    [Fact]
    public void Links_the_contact_when_exactly_one_matches_and_tells_the_agent_which_inputs_matched()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com", "+14251234567");

        var conversation = org.StartConversation(("Name", "Ann Smith"), ("Email", "ann@contoso.com"), ("Phone", "+14251234567"));

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Equal("Linked: contact \"Ann Smith\" (unverified: matched Name, Email, Phone).", org.OutcomeOf(conversation));
    }

    [Fact]
    public void Says_several_records_match_when_contacts_are_duplicates()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");
        org.Contact("Ann B. Smith", "ann@contoso.com");

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        Assert.Null(org.CustomerOf(conversation));
        Assert.Equal("Several records found: several contacts match Email; no active account matches Email; nothing linked.", org.OutcomeOf(conversation));
    }

    [Fact]
    public void Requires_every_present_input_to_match()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");

        var conversation = org.StartConversation(("Name", "Ann Smith"), ("Email", "someone.else@contoso.com"));

        Assert.Null(org.CustomerOf(conversation));
        Assert.StartsWith("No record found: no active contact matches Name, Email", org.OutcomeOf(conversation));
    }

    [Fact]
    public void Matches_text_as_Dataverse_does_ignoring_case_and_trailing_spaces()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "Ann@Contoso.com");

        var conversation = org.StartConversation(("name", "ANN SMITH  "), ("EMAIL", "ann@contoso.com"));

        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Fact]
    public void Ignores_inactive_records()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com", state: 1, status: 2);
        var active = org.Contact("Ann Smith", "ann@contoso.com");

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        Assert.Equal(active, org.CustomerOf(conversation));
    }

    [Fact]
    public void Finds_nothing_when_the_only_match_is_inactive()
    {
        var org = new Omnichannel();
        org.Account("Contoso", "info@contoso.com", state: 1);

        var conversation = org.StartConversation(("Email", "info@contoso.com"));

        Assert.Null(org.CustomerOf(conversation));
    }

    [Fact]
    public void Still_matches_an_active_contact_with_a_custom_status_reason()
    {
        var org = new Omnichannel();
        var vip = org.Contact("Ann Smith", "ann@contoso.com", state: 0, status: 100000001);

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        Assert.Equal(vip, org.CustomerOf(conversation));
    }

    [Fact]
    public void Matches_an_account_by_name_email_and_business_phone()
    {
        var org = new Omnichannel();
        var contoso = org.Account("Contoso", "info@contoso.com", "+14255550100");

        var conversation = org.StartConversation(("Name", "Contoso"), ("Email", "info@contoso.com"), ("Phone", "+1 425 555 0100"));

        Assert.Equal(contoso, org.CustomerOf(conversation));
    }

    [Fact]
    public void Skips_and_says_so_when_the_customer_gave_nothing_to_search_by()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");

        var conversation = org.StartConversation(("Topic", "Billing"));

        Assert.Null(org.CustomerOf(conversation));
        Assert.Equal("Skipped: no identification input (Name, Email, Phone, CaseNumber) is present.", org.OutcomeOf(conversation));
        Assert.DoesNotContain(org.CreateRun(conversation).Queries, q => q.EntityName == "contact" || q.EntityName == "account");
    }

    [Fact]
    public void Refuses_an_over_long_value_instead_of_cutting_it_into_another_match()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");

        var conversation = org.StartConversation(("Email", "ann@contoso.com" + new string(' ', 10) + new string('x', 300)));

        Assert.Null(org.CustomerOf(conversation));
        Assert.Contains("Email refused: longer than 256 characters", org.OutcomeOf(conversation), StringComparison.Ordinal);
    }
}
