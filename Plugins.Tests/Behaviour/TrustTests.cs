using System;
using System.Linq;
using Identification.Plugins.Links;
using Identification.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>
/// Issue 11, items 3–5: what a case number proves about its customer, the trust level every link carries and the
/// minimum an admin sets, and the machine-readable code beside the outcome line.
/// </summary>
public class TrustTests
{
    private const string VictoriasCase = "CAS-01001-X1Y2Z3";

    [Theory]
    [InlineData(null)]
    [InlineData("{\"minimumMatchingInputs\": 2}")]
    [InlineData("{\"minimumMatchingInputs\": 3}")]
    [InlineData("{\"resolution\": \"strict\"}")]
    public void Another_customers_case_number_does_not_hand_a_visitor_that_customer_or_the_case(string? configuration)
    {
        var org = new Omnichannel(configuration);
        var victoria = org.Contact("Victoria Victim", "victoria@example.com", "+14255550101");
        org.Case(VictoriasCase, victoria);

        var conversation = org.StartConversation(
            ("Name", "Mallory Attacker"), ("Email", "mallory@evil.test"), ("Phone", "+15555550199"), ("CaseNumber", VictoriasCase));

        Assert.Null(org.CustomerOf(conversation));
        Assert.Null(org.CaseOf(conversation));
        Assert.Contains("case " + VictoriasCase + " matches CaseNumber, but its customer does not match the typed Name, Email and Phone, so neither is linked",
            org.OutcomeOf(conversation));
    }

    [Fact]
    public void One_typed_answer_that_does_not_match_the_cases_customer_is_enough_to_link_neither()
    {
        var org = new Omnichannel();
        var victoria = org.Contact("Victoria Victim", "victoria@example.com");
        org.Case(VictoriasCase, victoria);

        var conversation = org.StartConversation(("Name", "Victoria Victim"), ("Email", "mallory@evil.test"), ("CaseNumber", VictoriasCase));

        Assert.Null(org.CustomerOf(conversation));
        Assert.Null(org.CaseOf(conversation));
        Assert.Contains("its customer does not match the typed Email, so neither is linked", org.OutcomeOf(conversation));
    }

    [Fact]
    public void A_case_number_alone_links_the_case_and_its_customer_as_an_unverified_identifier()
    {
        var org = new Omnichannel();
        var victoria = org.Contact("Victoria Victim", "victoria@example.com");
        var incident = org.Case(VictoriasCase, victoria);

        var conversation = org.StartConversation(("CaseNumber", VictoriasCase));

        Assert.Equal(incident, org.CaseOf(conversation));
        Assert.Equal(victoria.Id, org.CustomerOf(conversation)!.Id);
        Assert.Equal("Linked: case " + VictoriasCase + " (matched CaseNumber); its customer, contact \"Victoria Victim\" (unverified: matched CaseNumber).",
            org.OutcomeOf(conversation));
        Assert.Equal("linked:case", org.CodeOf(conversation));
    }

    [Fact]
    public void A_case_number_and_answers_that_match_its_customer_link_both()
    {
        var org = new Omnichannel();
        var victoria = org.Contact("Victoria Victim", "victoria@example.com");
        var incident = org.Case(VictoriasCase, victoria);

        var conversation = org.StartConversation(("Name", "victoria victim"), ("CaseNumber", VictoriasCase));

        Assert.Equal(incident, org.CaseOf(conversation));
        Assert.Equal(victoria.Id, org.CustomerOf(conversation)!.Id);
    }

    [Fact]
    public void Several_contacts_with_the_typed_name_are_told_apart_by_the_case_they_own()
    {
        var org = new Omnichannel();
        org.Contact("Sam Lee", "sam.one@example.com");
        var sam = org.Contact("Sam Lee", "sam.two@example.com");
        var incident = org.Case("CAS-03003", sam);

        var conversation = org.StartConversation(("Name", "Sam Lee"), ("CaseNumber", "CAS-03003"));

        Assert.Equal(sam.Id, org.CustomerOf(conversation)!.Id);
        Assert.Equal(incident, org.CaseOf(conversation));
    }

    [Fact]
    public void The_customer_of_a_case_must_be_active()
    {
        var org = new Omnichannel();
        var gone = org.Contact("Victoria Victim", "victoria@example.com", state: 1, status: 2);
        org.Case(VictoriasCase, gone);

        var conversation = org.StartConversation(("CaseNumber", VictoriasCase));

        Assert.Null(org.CustomerOf(conversation));
        Assert.Null(org.CaseOf(conversation));
        Assert.Contains("matches CaseNumber, but its customer is not active, so neither is linked", org.OutcomeOf(conversation));
    }

    [Fact]
    public void A_case_customer_with_a_custom_status_reason_is_active()
    {
        var org = new Omnichannel();
        var victoria = org.Contact("Victoria Victim", "victoria@example.com", status: 100000002);
        org.Case(VictoriasCase, victoria);

        var conversation = org.StartConversation(("CaseNumber", VictoriasCase));

        Assert.Equal(victoria.Id, org.CustomerOf(conversation)!.Id);
    }

    [Fact]
    public void A_case_without_a_customer_is_linked_on_its_number_alone_and_described_as_having_none_when_answers_were_typed()
    {
        var org = new Omnichannel();
        var orphan = org.Case("CAS-04004", customer: null);
        org.Case("CAS-04005", customer: null);

        var alone = org.StartConversation(("CaseNumber", "CAS-04004"));
        var typed = org.StartConversation(("Email", "nobody@example.com"), ("CaseNumber", "CAS-04005"));

        Assert.Equal(orphan, org.CaseOf(alone));
        Assert.Null(org.CustomerOf(alone));
        Assert.Null(org.CaseOf(typed));
        Assert.Contains("case CAS-04005 matches CaseNumber but has no customer to check against the customer identified or the typed answers, so it is not linked",
            org.OutcomeOf(typed));
        Assert.DoesNotContain("another customer", org.OutcomeOf(typed));
    }

    [Fact]
    public void A_case_of_an_account_when_only_contacts_are_searched_is_linked_without_its_customer()
    {
        var org = new Omnichannel("{\"tables\": [\"contact\"]}");
        var contoso = org.Account("Contoso", "info@contoso.com");
        var incident = org.Case("CAS-07007", contoso);
        org.Case("CAS-07008", contoso);

        var alone = org.StartConversation(("CaseNumber", "CAS-07007"));
        var typed = org.StartConversation(("Email", "info@contoso.com"), ("CaseNumber", "CAS-07008"));

        Assert.Equal(incident, org.CaseOf(alone));
        Assert.Null(org.CustomerOf(alone));
        Assert.Null(org.CaseOf(typed));
        Assert.Contains("the typed answers cannot be checked against its customer", org.OutcomeOf(typed));
    }

    [Fact]
    public void Answers_to_a_FetchXML_customer_rule_are_never_assumed_to_match_a_cases_customer()
    {
        var org = new Omnichannel("{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch><entity name='contact'><filter>"
            + "<condition attribute='new_loyaltyid' operator='eq' value='${LoyaltyId}'/></filter></entity></fetch>\"}]}");
        var victoria = org.Contact("Victoria Victim", "victoria@example.com");
        org.Service.Update(new Entity(Schema.Contact.Table, victoria.Id) { ["new_loyaltyid"] = "L-1001" });
        org.Case(VictoriasCase, victoria);

        var conversation = org.StartConversation(("LoyaltyId", "L-9999"), ("CaseNumber", VictoriasCase));

        Assert.Null(org.CustomerOf(conversation));
        Assert.Null(org.CaseOf(conversation));
        Assert.Contains("the typed answers cannot be checked against its customer", org.OutcomeOf(conversation));
    }

    [Fact]
    public void With_customerFromCase_off_a_case_number_links_the_case_and_never_its_customer()
    {
        var org = new Omnichannel("{\"customerFromCase\": false}");
        var victoria = org.Contact("Victoria Victim", "victoria@example.com");
        var incident = org.Case(VictoriasCase, victoria);

        var conversation = org.StartConversation(("CaseNumber", VictoriasCase));

        Assert.Equal(incident, org.CaseOf(conversation));
        Assert.Null(org.CustomerOf(conversation));
    }

    [Fact]
    public void With_minimumMatchingInputs_two_a_case_number_counts_as_one_of_them()
    {
        var org = new Omnichannel("{\"minimumMatchingInputs\": 2}");
        var victoria = org.Contact("Victoria Victim", "victoria@example.com");
        var incident = org.Case(VictoriasCase, victoria);

        var alone = org.StartConversation(("CaseNumber", VictoriasCase));
        var withEmail = org.StartConversation(("Email", "victoria@example.com"), ("CaseNumber", VictoriasCase));

        Assert.Null(org.CustomerOf(alone));
        Assert.Null(org.CaseOf(alone));
        Assert.Contains("its customer would be linked on fewer matching inputs than minimumMatchingInputs, so neither is linked", org.OutcomeOf(alone));
        Assert.Equal(victoria.Id, org.CustomerOf(withEmail)!.Id);
        Assert.Equal(incident, org.CaseOf(withEmail));
    }

    [Fact]
    public void A_customer_who_does_not_own_the_case_already_linked_is_not_linked_next_to_it()
    {
        var org = new Omnichannel();
        var alice = org.Contact("Alice Able", "alice@example.com");
        org.Contact("Bob Jones", "bob@example.com");
        var alicesCase = org.Case("CAS-05005", alice);

        var conversation = org.StartConversationLinkedTo(null, alicesCase, ("Email", "bob@example.com"));

        Assert.Null(org.CustomerOf(conversation));
        Assert.Equal(alicesCase, org.CaseOf(conversation));
        Assert.Contains("contact \"Bob Jones\" does not own the case already linked, so it is not linked as the customer", org.OutcomeOf(conversation));
    }

    [Fact]
    public void The_case_already_linked_gives_its_own_customer_when_nothing_typed_contradicts_them()
    {
        var org = new Omnichannel();
        var alice = org.Contact("Alice Able", "alice@example.com");
        var alicesCase = org.Case("CAS-05005", alice);

        var untyped = org.StartConversationLinkedTo(null, alicesCase, ("Topic", "Billing"));
        var typedHers = org.StartConversationLinkedTo(null, alicesCase, ("Email", "alice@example.com"));

        Assert.Equal(alice.Id, org.CustomerOf(untyped)!.Id);
        Assert.Equal(alice.Id, org.CustomerOf(typedHers)!.Id);
        Assert.Contains("contact \"Alice Able\", the customer of the case already linked", org.OutcomeOf(untyped));
    }

    [Fact]
    public void A_name_alone_links_at_trust_name_and_says_so()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com");

        var conversation = org.StartConversation(("Name", "Ann Smith"));

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Equal("Linked: contact \"Ann Smith\" (name only, unverified: matched Name).", org.OutcomeOf(conversation));
        Assert.Equal("linked:name", org.CodeOf(conversation));
    }

    [Fact]
    public void With_minimumTrust_identifier_a_name_alone_only_suggests_the_record()
    {
        var org = new Omnichannel("{\"minimumTrust\": \"identifier\"}");
        var ann = org.Contact("Ann Smith", "ann@example.com");

        var byName = org.StartConversation(("Name", "Ann Smith"));
        var byEmail = org.StartConversation(("Email", "ann@example.com"));

        Assert.Null(org.CustomerOf(byName));
        Assert.Equal("Not linked: contact \"Ann Smith\" matches Name, but a name alone is below the minimum trust (\"identifier\"), so it is not linked; nothing linked.",
            org.OutcomeOf(byName));
        Assert.Equal("untrusted", org.CodeOf(byName));
        Assert.Equal(ann, org.CustomerOf(byEmail));
    }

    [Fact]
    public void With_minimumTrust_verified_only_a_signed_in_customer_is_linked()
    {
        var org = new Omnichannel("{\"minimumTrust\": \"verified\"}");
        var ann = org.Contact("Ann Smith", "ann@example.com");
        var incident = org.Case(VictoriasCase, ann);

        var typed = org.StartConversation(("Email", "ann@example.com"));
        var caseNumber = org.StartConversation(("CaseNumber", VictoriasCase));
        var signedIn = org.StartSignedInChat(ann);

        Assert.Null(org.CustomerOf(typed));
        Assert.Null(org.CaseOf(typed));
        Assert.Contains("an unverified identifier is below the minimum trust (\"verified\")", org.OutcomeOf(typed));
        Assert.Null(org.CustomerOf(caseNumber));
        Assert.Null(org.CaseOf(caseNumber));
        Assert.Equal("untrusted", org.CodeOf(caseNumber));
        Assert.Equal(ann, org.CustomerOf(signedIn));
        Assert.Equal(incident, org.CaseOf(signedIn));
    }

    [Theory]
    [InlineData("{\"minimumTrust\": \"names\"}", "must be \"name\", \"identifier\" or \"verified\"")]
    [InlineData("{\"minimumTrust\": 2}", "minimumTrust")]
    [InlineData("{\"customerFromCase\": \"no\"}", "customerFromCase")]
    [InlineData("{\"signedInTables\": [\"incident\"]}", "signedInTables")]
    public void A_trust_option_an_admin_mistyped_is_refused_and_says_what_to_fix(string configuration, string message)
    {
        var org = new Omnichannel(configuration);
        org.Contact("Ann Smith", "ann@example.com");

        var conversation = org.StartConversation(("Email", "ann@example.com"));

        Assert.Null(org.CustomerOf(conversation));
        Assert.StartsWith("Error: the step's configuration is invalid, so identification was skipped: ", org.OutcomeOf(conversation));
        Assert.Contains(message, org.OutcomeOf(conversation), StringComparison.Ordinal);
    }

    [Fact]
    public void The_code_item_is_not_displayable_written_once_then_updated_and_holds_no_typed_value()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@example.com", "+14255550101");
        org.Case("CAS-06006", ann);
        var conversation = org.StartConversation(("Name", "Ann Smith"));

        org.SetContext(conversation, "Email", "ann@example.com");
        org.SetContext(conversation, "Phone", "+14255550101");
        org.SetContext(conversation, "CaseNumber", "CAS-06006");

        var items = org.Org.CreateQuery(Schema.ContextItem.Table)
            .Where(i => i.GetAttributeValue<string>(Schema.ContextItem.Name) == Schema.ContextItem.CodeName)
            .Where(i => i.GetAttributeValue<EntityReference>(Schema.ContextItem.Conversation).Id == conversation)
            .ToList();
        var item = Assert.Single(items);
        Assert.Equal(PluginItems.CodeId(conversation), item.Id);
        Assert.False(item.GetAttributeValue<bool>(Schema.ContextItem.IsDisplayable));
        Assert.True(item.GetAttributeValue<DateTime>("modifiedon") > item.GetAttributeValue<DateTime>("createdon"), "the code item is updated, not recreated");
        var value = item.GetAttributeValue<string>(Schema.ContextItem.Value);
        Assert.StartsWith("linked:", value);
        foreach (var typed in new[] { "Ann Smith", "ann@example.com", "+14255550101", "4255550101", "CAS-06006", ann.Id.ToString() })
        {
            Assert.DoesNotContain(typed, value, StringComparison.OrdinalIgnoreCase);
        }
    }
}
