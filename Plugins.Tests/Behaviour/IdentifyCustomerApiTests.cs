using System;
using System.Linq;
using Identification.Plugins.Links;
using Identification.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>Issue 16: idf_IdentifyCustomer, the same identification on demand for bots and flows, without becoming a lookup oracle.</summary>
public class IdentifyCustomerApiTests
{
    private static string? Text(OrganizationResponse response, string property) =>
        response.Results.TryGetValue(property, out var value) ? value as string : null;

    [Fact]
    public void Asking_tells_the_outcome_and_type_but_not_the_record_and_writes_no_link()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = org.StartConversation();

        var response = org.Identify(conversation, email: "ann@contoso.com");

        Assert.Equal("linked:identifier", Text(response, "Outcome"));
        Assert.Equal("contact", Text(response, "CustomerType"));
        Assert.False(response.Results.ContainsKey("Customer"));
        Assert.Equal("Would link: contact (withheld) (unverified: matched Email).", Text(response, "Message"));
        Assert.Equal(string.Empty, Text(response, "MissingInputs"));
        Assert.Null(org.CustomerOf(conversation));
    }

    [Fact]
    public void Linking_writes_the_link_as_the_conversation_steps_would_and_returns_the_customer()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = org.StartConversation();

        var response = org.Identify(conversation, email: "ann@contoso.com", link: true);

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Equal(ann.Id, ((EntityReference)response["Customer"]).Id);
        Assert.Null(((EntityReference)response["Customer"]).Name);
        Assert.Equal("linked:identifier", org.CodeOf(conversation));
        Assert.Equal("Linked: contact \"Ann Smith\" (unverified: matched Email).", org.OutcomeOf(conversation));
        Assert.Equal("Linked: contact (withheld) (unverified: matched Email).", Text(response, "Message"));
    }

    [Fact]
    public void A_signed_in_customer_is_returned_with_their_name_and_case_number()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        org.Case("CAS-01001", ann);
        var conversation = org.StartSignedInChat(ann);

        var response = org.Identify(conversation);

        Assert.Equal("linked:verified", Text(response, "Outcome"));
        Assert.Equal(ann.Id, ((EntityReference)response["Customer"]).Id);
        Assert.Equal("CAS-01001", Text(response, "CaseNumber"));
        Assert.Contains("\"Ann Smith\"", Text(response, "Message"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_single_active_case_of_an_unverified_customer_is_not_told()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        org.Case("CAS-01001", ann);
        var conversation = org.StartConversation();

        var response = org.Identify(conversation, email: "ann@contoso.com");

        Assert.False(response.Results.ContainsKey("CaseNumber"));
        Assert.DoesNotContain("CAS-01001", Text(response, "Message"), StringComparison.Ordinal);
        Assert.DoesNotContain("Ann", Text(response, "Message"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_number_the_caller_gave_is_told_back()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        org.Case("CAS-01001", ann);
        var conversation = org.StartConversation();

        var response = org.Identify(conversation, caseNumber: "CAS-01001");

        Assert.Equal("CAS-01001", Text(response, "CaseNumber"));
        Assert.DoesNotContain("Ann", Text(response, "Message"), StringComparison.Ordinal);
    }

    [Fact]
    public void Several_matches_name_nobody_and_say_what_to_ask_next()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");
        org.Contact("Ann Smith", "ann.smith@fabrikam.com");
        var conversation = org.StartConversation();

        var response = org.Identify(conversation, name: "Ann Smith");

        Assert.Equal("several", Text(response, "Outcome"));
        Assert.Equal(string.Empty, Text(response, "CustomerType"));
        Assert.Equal("Email, Phone, CaseNumber", Text(response, "MissingInputs"));
    }

    [Fact]
    public void No_match_says_so()
    {
        var org = new Omnichannel();
        var conversation = org.StartConversation();

        var response = org.Identify(conversation, email: "nobody@contoso.com");

        Assert.Equal("none", Text(response, "Outcome"));
        Assert.Equal("Name, Phone, CaseNumber", Text(response, "MissingInputs"));
    }

    [Fact]
    public void The_bots_value_wins_over_the_conversations_own_for_the_same_key()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = org.StartConversation(("Email", "typo@contoso.com"));

        var response = org.Identify(conversation, email: "ann@contoso.com", link: true);

        Assert.Equal("linked:identifier", Text(response, "Outcome"));
        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Fact]
    public void The_conversations_own_evidence_counts_too()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com", mobile: "+14251234567");
        org.Contact("Ann Smith", "ann@contoso.com", mobile: "+14259999999");
        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        var response = org.Identify(conversation, phone: "+14251234567");

        Assert.Equal("linked:identifier", Text(response, "Outcome"));
    }

    [Fact]
    public void An_unknown_conversation_is_refused()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");

        var error = Assert.Throws<InvalidPluginExecutionException>(() => org.Identify(Guid.NewGuid(), email: "ann@contoso.com"));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_conversation_is_refused()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = org.StartConversation();
        org.Close(conversation);

        var error = Assert.Throws<InvalidPluginExecutionException>(() => org.Identify(conversation, email: "ann@contoso.com"));

        Assert.Contains("is closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calls_past_the_cap_are_refused_so_a_visitor_cannot_try_email_after_email()
    {
        var org = new Omnichannel();
        var conversation = org.StartConversation();
        for (var i = 0; i < IdentifyCustomerPlugin.CallsPerConversation; i++)
        {
            org.Identify(conversation, email: "guess" + i + "@contoso.com");
        }

        var error = Assert.Throws<InvalidPluginExecutionException>(() => org.Identify(conversation, email: "ann@contoso.com"));

        Assert.Contains("has used its 10 identification calls", error.Message, StringComparison.Ordinal);
        Assert.Equal("10", org.Org.Find(Schema.ContextItem.Table, PluginItems.ApiCallsId(conversation))!.GetAttributeValue<string>(Schema.ContextItem.Value));
        Assert.False(org.Org.Find(Schema.ContextItem.Table, PluginItems.ApiCallsId(conversation))!.GetAttributeValue<bool>(Schema.ContextItem.IsDisplayable));
    }

    [Theory]
    [InlineData("Email", "ann@contoso.com\u0007", "the parameter Email is refused: contains control characters")]
    [InlineData("Name", null, "the parameter Name is refused: longer than 256 characters")]
    [InlineData("Inputs", "[1]", "the parameter Inputs must be a JSON object")]
    [InlineData("Inputs", "{\"Email\": 1}", "the parameter Inputs gives Email a number")]
    [InlineData("Inputs", "{\"Shoe size\": \"9\"}", "the parameter Inputs.Shoe size is not an input any rule of the configuration reads")]
    [InlineData("ConversationId", "not-a-guid", "the parameter ConversationId is not a conversation id")]
    public void Each_unusable_parameter_is_refused_with_its_name(string parameter, string? value, string message)
    {
        var org = new Omnichannel();
        var conversation = org.StartConversation();
        var request = new OrganizationRequest("idf_IdentifyCustomer") { ["ConversationId"] = conversation.ToString() };
        request[parameter] = value ?? new string('a', 257);

        var error = Assert.Throws<InvalidPluginExecutionException>(() => org.Service.Execute(request));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unverified_responses_carry_no_name_email_or_phone_of_any_record()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", "ann@contoso.com", mobile: "+14251234567");
        org.Account("Contoso Ltd", "ann@contoso.com", phone: "+14251234567");
        org.Contact("Bob Stone", "bob@contoso.com");
        var conversation = org.StartConversation();

        foreach (var response in new[]
        {
            org.Identify(conversation, email: "ann@contoso.com"),
            org.Identify(conversation, name: "Bob Stone", email: "ann@contoso.com"),
            org.Identify(conversation, phone: "+14251234567"),
        })
        {
            var everything = string.Join("\n", response.Results.Select(r => r.Value is EntityReference e ? e.Name : r.Value as string));
            foreach (var secret in new[] { "Ann", "Contoso Ltd", "+14251234567", "bob@" })
            {
                Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Linking_through_the_api_then_late_evidence_ends_as_one_identification_over_all_of_it()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        org.Case("CAS-01001", ann);
        var asked = org.Case("CAS-01002", ann);
        var conversation = org.StartConversation();

        org.Identify(conversation, email: "ann@contoso.com", link: true);
        org.SetContext(conversation, "CaseNumber", "CAS-01002");

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Equal(asked, org.CaseOf(conversation));
        Assert.Equal("Linked: contact \"Ann Smith\" (unverified: matched Email); case CAS-01002 (matched CaseNumber).", org.OutcomeOf(conversation));

        // The same evidence given at once from the start links the same.
        var once = new Omnichannel();
        var ann2 = once.Contact("Ann Smith", "ann@contoso.com");
        once.Case("CAS-01001", ann2);
        once.Case("CAS-01002", ann2);
        var direct = once.StartConversation(("Email", "ann@contoso.com"), ("CaseNumber", "CAS-01002"));
        Assert.Equal(once.OutcomeOf(direct), org.OutcomeOf(conversation));
    }

    [Fact]
    public void An_invalid_step_configuration_is_reported_as_an_error_outcome()
    {
        var org = new Omnichannel("{\"nosuchoption\": true}");
        var conversation = org.StartConversation();

        var response = org.Identify(conversation, email: "ann@contoso.com");

        Assert.Equal("error", Text(response, "Outcome"));
        Assert.Contains("configuration is invalid", Text(response, "Message"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_configuration_is_the_conversation_create_steps_own()
    {
        var org = new Omnichannel("{\"tables\": [\"account\"]}");
        org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = org.StartConversation();

        var response = org.Identify(conversation, email: "ann@contoso.com");

        Assert.Equal("none", Text(response, "Outcome"));
    }

    [Fact]
    public void A_create_step_registered_by_hand_is_found_by_its_plugin_type_message_and_table()
    {
        var org = new Omnichannel();
        org.Service.Delete("sdkmessageprocessingstep", Registration.PluginSteps.ConversationCreate.Id);
        org.Contact("Ann Smith", "ann@contoso.com");
        var type = new Entity("plugintype", Guid.NewGuid()) { ["typename"] = typeof(ConversationIdentificationPlugin).FullName };
        var create = new Entity("sdkmessage", Guid.NewGuid()) { ["name"] = "Create" };
        var filter = new Entity("sdkmessagefilter", Guid.NewGuid()) { ["primaryobjecttypecode"] = "msdyn_ocliveworkitem" };
        org.Org.Initialize(type, create, filter, new Entity("sdkmessageprocessingstep", Guid.NewGuid())
        {
            ["plugintypeid"] = type.ToEntityReference(),
            ["sdkmessageid"] = create.ToEntityReference(),
            ["sdkmessagefilterid"] = filter.ToEntityReference(),
            ["configuration"] = "{\"tables\": [\"account\"]}",
        });
        var conversation = org.StartConversation();

        Assert.Equal("none", Text(org.Identify(conversation, email: "ann@contoso.com"), "Outcome"));
    }

    [Fact]
    public void Without_the_create_step_the_api_answers_error_rather_than_run_on_defaults()
    {
        var org = new Omnichannel();
        org.Service.Delete("sdkmessageprocessingstep", Registration.PluginSteps.ConversationCreate.Id);
        var conversation = org.StartConversation();

        var response = org.Identify(conversation, email: "ann@contoso.com");

        Assert.Equal("error", Text(response, "Outcome"));
        Assert.Contains("no step of Identification.Plugins.ConversationIdentificationPlugin is registered on Create of msdyn_ocliveworkitem", Text(response, "Message"), StringComparison.Ordinal);
    }
}
