using Identification.Plugins.Tests.Support;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>
/// SPEC §3 (issue 11, item 1): a chat whose live-chat context says the portal authenticated the visitor links the
/// contact the portal named, by id, whatever was typed; anything less than that is not trusted, and the outcome says why.
/// </summary>
public class SignedInTests
{
    [Fact]
    public void The_signed_in_contact_is_the_customer_without_any_typed_answer()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com");

        var conversation = org.StartSignedInChat(ann);

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Equal("Linked: contact \"Ann Smith\" (signed-in customer).", org.OutcomeOf(conversation));
        Assert.Equal("linked:verified", org.CodeOf(conversation));
    }

    [Fact]
    public void Typed_answers_that_contradict_the_signed_in_contact_are_noted_and_never_followed()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com");
        org.Contact("Bob Jones", "bob@example.com");

        var conversation = org.StartSignedInChat(ann, ("Name", "Bob Jones"), ("Email", "bob@example.com"));

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.StartsWith("Linked: contact \"Ann Smith\" (signed-in customer); the typed Name and Email differ from the signed-in customer's and are not followed.",
            org.OutcomeOf(conversation));
        Assert.Equal("linked:verified;corrected", org.CodeOf(conversation)); // the answers were there first, and linked Bob until the portal's identity arrived
    }

    [Fact]
    public void Typed_answers_that_agree_with_the_signed_in_contact_are_not_mentioned()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com");

        var conversation = org.StartSignedInChat(ann, ("Name", "ANN SMITH"), ("Email", "Ann@Example.com"));

        Assert.Equal("Linked: contact \"Ann Smith\" (signed-in customer).", org.OutcomeOf(conversation));
    }

    [Fact]
    public void A_contact_with_a_custom_status_reason_is_linked_when_signed_in()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com", status: 100000001);

        var conversation = org.StartSignedInChat(ann);

        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Fact]
    public void An_inactive_contact_is_not_linked_even_when_the_portal_signed_it_in()
    {
        var org = new Omnichannel();
        var gone = org.Contact("Ann Smith", "ann@example.com", state: 1, status: 2);

        var conversation = org.StartSignedInChat(gone);

        Assert.Null(org.CustomerOf(conversation));
        Assert.Equal("No record found: the signed-in identity is not an active contact, so it is not used; nothing linked.", org.OutcomeOf(conversation));
        Assert.Equal("none", org.CodeOf(conversation));
    }

    [Fact]
    public void When_the_signed_in_identity_is_not_used_the_typed_answers_still_identify_at_their_own_trust()
    {
        var org = new Omnichannel();
        var gone = org.Contact("Ann Smith", "old.ann@example.com", state: 1, status: 2);
        var ann = org.Contact("Ann Smith", "ann@example.com");

        var conversation = org.StartSignedInChat(gone, ("Email", "ann@example.com"));

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Equal("linked:identifier", org.CodeOf(conversation));
        Assert.StartsWith("Linked: contact \"Ann Smith\" (unverified: matched Email); the signed-in identity is not an active contact", org.OutcomeOf(conversation));
    }

    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("00000000-0000-0000-0000-00000000000g")]
    [InlineData("CN=Ann Smith")]
    public void A_portal_identity_that_is_not_a_record_id_is_not_used(string portalContactId)
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@example.com");
        var conversation = org.StartConversation();

        org.SignsIn(conversation, portalContactId);

        Assert.Null(org.CustomerOf(conversation));
        Assert.Contains("the signed-in identity is not a record id, so it is not used", org.OutcomeOf(conversation));
    }

    [Fact]
    public void A_portal_id_in_an_unauthenticated_chat_is_not_trusted()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com");
        var conversation = org.StartConversation();

        org.SignsIn(conversation, ann.Id.ToString(), authenticated: false);

        Assert.Null(org.CustomerOf(conversation));
        Assert.Equal("Not linked: the chat is not authenticated, so its portal contact id is not trusted; nothing linked.", org.OutcomeOf(conversation));
        Assert.Equal("untrusted", org.CodeOf(conversation));
    }

    [Fact]
    public void An_accounts_id_is_used_only_when_signedInTables_names_account()
    {
        var byDefault = new Omnichannel();
        var contoso = byDefault.Account("Contoso", "info@contoso.com");
        var defaultConversation = byDefault.StartSignedInChat(contoso);

        var configured = new Omnichannel("{\"signedInTables\": [\"contact\", \"account\"]}");
        var fabrikam = configured.Account("Fabrikam", "info@fabrikam.com");
        var configuredConversation = configured.StartSignedInChat(fabrikam);

        Assert.Null(byDefault.CustomerOf(defaultConversation));
        Assert.Contains("the signed-in identity is not an active contact, so it is not used", byDefault.OutcomeOf(defaultConversation));
        Assert.Equal(fabrikam, configured.CustomerOf(configuredConversation));
        Assert.Equal("Linked: account \"Fabrikam\" (signed-in customer).", configured.OutcomeOf(configuredConversation));
    }

    [Fact]
    public void A_late_sign_in_replaces_the_customer_the_plugin_linked_from_typed_answers()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com");
        org.Contact("Bob Jones", "bob@example.com");
        var conversation = org.StartConversation(("Email", "bob@example.com"));

        org.SignsIn(conversation, ann.Id.ToString());

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Equal("linked:verified;corrected", org.CodeOf(conversation));
        Assert.EndsWith("Corrected: replaced contact \"Bob Jones\" (linked earlier on Email) with contact \"Ann Smith\" now that the customer signed in.",
            org.OutcomeOf(conversation));
    }

    [Fact]
    public void A_sign_in_never_replaces_a_customer_someone_else_linked()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com");
        var bob = org.Contact("Bob Jones", "bob@example.com");
        var conversation = org.StartConversationLinkedTo(bob, null);

        org.SignsIn(conversation, ann.Id.ToString());

        Assert.Equal(bob, org.CustomerOf(conversation));
        Assert.Contains("the customer was already linked", org.OutcomeOf(conversation));
    }

    [Fact]
    public void The_signed_in_customers_only_active_case_is_linked_with_them()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com");
        var open = org.Case("CAS-01001", ann);

        var conversation = org.StartSignedInChat(ann);

        Assert.Equal(open, org.CaseOf(conversation));
        Assert.Equal("Linked: contact \"Ann Smith\" (signed-in customer); case CAS-01001, the customer's only active case.", org.OutcomeOf(conversation));
    }

    [Fact]
    public void A_case_number_of_another_customer_is_not_linked_next_to_the_signed_in_customer()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com");
        org.Case("CAS-02002", org.Contact("Bob Jones", "bob@example.com"));

        var conversation = org.StartSignedInChat(ann, ("CaseNumber", "CAS-02002"));

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Null(org.CaseOf(conversation));
        Assert.Contains("case CAS-02002 matches CaseNumber but belongs to another customer, so it is not linked", org.OutcomeOf(conversation));
    }

    [Fact]
    public void An_authenticated_live_chat_context_counts_before_a_newer_unauthenticated_one()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com");
        var bob = org.Contact("Bob Jones", "bob@example.com");
        var conversation = org.StartConversation();

        org.SignsIn(conversation, ann.Id.ToString());
        org.SignsIn(conversation, bob.Id.ToString(), authenticated: false);

        Assert.Equal(ann, org.CustomerOf(conversation));
    }
}
