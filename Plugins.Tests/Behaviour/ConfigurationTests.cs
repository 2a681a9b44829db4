using System;
using Identification.Plugins.Configuration;
using Identification.Plugins.Tests.Configuration;
using Identification.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>SPEC §4: the step's unsecure configuration changes the rules; bad configuration is reported, never guessed.</summary>
public class ConfigurationTests
{
    [Fact]
    public void Empty_configuration_means_the_built_in_rules()
    {
        var settings = IdentificationSettings.Parse("  ");

        Assert.Equal(new[] { "contact", "account" }, new[] { settings.CustomerRules[0].Table, settings.CustomerRules[1].Table });
        Assert.Equal(ResolutionPolicy.FirstSingleMatch, settings.Resolution);
        Assert.True(settings.LinkSingleActiveCase);
        Assert.Equal(1, settings.MinimumMatchingInputs);
        Assert.Equal(new[] { "mobilephone" }, settings.CustomerRules[0].Inputs[2].Columns);
        Assert.Equal(new[] { "telephone1" }, settings.CustomerRules[1].Inputs[2].Columns);
    }

    [Fact]
    public void The_README_s_example_configuration_is_accepted_as_written()
    {
        var settings = IdentificationSettings.Parse(Configurations.ReadmeExample);

        Assert.Equal(2, settings.MinimumMatchingInputs);
        Assert.Equal(new[] { "LoyaltyId" }, settings.CustomerRules[0].FetchXml!.Keys);
        Assert.Contains(settings.CustomerRules[1].Inputs, i => i.Key == "AccountNumber" && i.Columns[0] == "accountnumber");
    }

    [Theory]
    [InlineData("{\"tables\": [\"contact\"", "The configuration is not valid JSON")]
    [InlineData("{\"tabels\": [\"contact\"]}", "Unknown option \"tabels\"")]
    [InlineData("{\"Tables\": [\"contact\"]}", "(did you mean \"tables\"?)")]
    [InlineData("{\"tables\": [\"lead\"]}", "$.tables[0] must be \"contact\" or \"account\"")]
    [InlineData("{\"resolution\": \"best\"}", "$.resolution must be \"firstSingleMatch\" or \"strict\"")]
    [InlineData("{\"minimumMatchingInputs\": \"two\"}", "$.minimumMatchingInputs must be a number; it is a string (line 1, column 27).")]
    [InlineData("{\"minimumMatchingInputs\": 0}", "$.minimumMatchingInputs must be between 1 and 10 (line 1, column 27).")]
    [InlineData("{\"defaultCountryCode\": \"USA\"}", "$.defaultCountryCode must be a country calling code such as \"1\" or \"+44\", or the ISO region of a country the phone normaliser knows (AE, AG,")]
    [InlineData("{\"defaultCountryCode\": \"BR\"}", "$.defaultCountryCode must be a country calling code such as \"1\" or \"+44\", or the ISO region")]
    [InlineData("{\"phoneColumns\": {\"contact\": [\"Mobile Phone\"]}}", "must be a column's logical name")]
    [InlineData("{\"rules\": [{\"table\": \"account\"}]}", "needs \"columns\" (input key to column) or \"fetchXml\"")]
    [InlineData("{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch><entity name='contact'><all-attributes/></entity></fetch>\"}]}", "uses <all-attributes/>")]
    [InlineData("{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch><entity name='contact'><filter><condition attribute='fullname' operator='like' value='${Name}'/></filter></entity></fetch>\"}]}", "which a placeholder takes only when its rule opts in")]
    [InlineData("{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch><entity name='contact'><filter><condition attribute='fullname' operator='eq' value='Dr ${Name}'/></filter></entity></fetch>\"}]}", "a placeholder may only be the whole value of a <condition>")]
    [InlineData("{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch><entity name='account'/></fetch>\"}]}", "must query exactly one <entity name=\"contact\">")]
    [InlineData("{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch><entity name='contact'>\"}]}", "is not well-formed XML")]
    [InlineData("{\"aliases\": {\"Email\": [\"Mail\"], \"Name\": [\"mail\"]}}", "$.aliases.Name[0] makes \"mail\" an alias of Name, but it is already an alias of Email")]
    public void Rejects_bad_configuration_saying_what_to_fix(string json, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => IdentificationSettings.Parse(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_configuration_leaves_the_conversation_created_and_says_why()
    {
        var org = new Omnichannel("{\"tables\": [\"contact\"], \"minimumMatchingInput\": 2}");
        org.Contact("Ann Smith", "ann@contoso.com");

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        Assert.NotNull(org.Org.Find(Schema.Conversation.Table, conversation));
        Assert.Null(org.CustomerOf(conversation));
        Assert.StartsWith("Error: the step's configuration is invalid, so identification was skipped: Unknown option \"minimumMatchingInput\" (did you mean \"minimumMatchingInputs\"?)",
            org.OutcomeOf(conversation));
    }

    // Issue 10: careless edits of the README's example that made the constructor throw, so that no outcome was
    // written (asynchronous) or every conversation create failed (synchronous).
    public static TheoryData<string, string, string> CarelessEdits => new()
    {
        {
            "a FetchXML rule pasted over several lines",
            Configurations.ReadmeExample.Replace("<filter>", "\n        <filter>", StringComparison.Ordinal),
            "at line 13, column 98: the string that starts at line 13, column 39 runs onto the next line; a JSON string is one line. "
                + "A FetchXML rule pasted over several lines must be joined into one line, or each line break written as \\n."
        },
        {
            "a raw tab inside a value",
            Configurations.ReadmeExample.Replace("\"defaultCountryCode\": \"1\"", "\"defaultCountryCode\": \"\t1\"", StringComparison.Ordinal),
            "at line 7, column 26: a tab inside a string must be written as \\t."
        },
        {
            "a missing [",
            Configurations.ReadmeExample.Replace("\"tables\": [", "\"tables\": ", StringComparison.Ordinal),
            "at line 2, column 33: expected ':' after the member name \"account\", found ']'."
        },
        {
            "a NUL after the configuration",
            Configurations.ReadmeExample + "\0",
            "at line 16, column 1: U+0000 after the end of the configuration"
        },
    };

    [Theory]
    [MemberData(nameof(CarelessEdits))]
    public void A_carelessly_edited_configuration_is_reported_on_every_conversation_and_blocks_none(string edit, string configuration, string where)
    {
        foreach (var synchronous in new[] { false, true })
        {
            var org = new Omnichannel(configuration, synchronous);
            org.Contact("Ann Smith", "ann@contoso.com");

            var conversation = org.StartConversation(("Email", "ann@contoso.com"));

            Assert.True(org.Org.Find(Schema.Conversation.Table, conversation) is not null, $"{edit}: the conversation was not created");
            Assert.StartsWith("Error: the step's configuration is invalid, so identification was skipped: The configuration is not valid JSON " + where,
                org.OutcomeOf(conversation), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Maps_aliases_of_input_keys()
    {
        var org = new Omnichannel("""{"aliases": {"Email": ["EmailAddress", "E-mail"]}}""");
        var ann = org.Contact("Ann Smith", "ann@contoso.com");

        var conversation = org.StartConversation(("e-mail", "ann@contoso.com"));

        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Fact]
    public void Searches_accounts_first_when_told_to()
    {
        var org = new Omnichannel("""{"tables": ["account", "contact"]}""");
        org.Contact("Pat", "pat@contoso.com");
        var account = org.Account("Pat Ltd", "pat@contoso.com");

        var conversation = org.StartConversation(("Email", "pat@contoso.com"));

        Assert.Equal(account, org.CustomerOf(conversation));
    }

    [Fact]
    public void Strict_resolution_links_nobody_when_a_contact_and_an_account_both_match()
    {
        var org = new Omnichannel("""{"resolution": "strict"}""");
        org.Contact("Pat", "pat@contoso.com");
        org.Account("Pat Ltd", "pat@contoso.com");

        var conversation = org.StartConversation(("Email", "pat@contoso.com"));

        Assert.Null(org.CustomerOf(conversation));
        Assert.Contains("strict resolution links only when a single record matches", org.OutcomeOf(conversation), StringComparison.Ordinal);
    }

    [Fact]
    public void Minimum_matching_inputs_stops_a_link_on_a_single_typed_email()
    {
        var org = new Omnichannel("""{"minimumMatchingInputs": 2}""");
        var ann = org.Contact("Ann Smith", "ann@contoso.com");

        var emailOnly = org.StartConversation(("Email", "ann@contoso.com"));
        var nameAndEmail = org.StartConversation(("Name", "Ann Smith"), ("Email", "ann@contoso.com"));

        Assert.Null(org.CustomerOf(emailOnly));
        Assert.Contains("contact not searched: it needs 2 matching inputs and only Email is present", org.OutcomeOf(emailOnly), StringComparison.Ordinal);
        Assert.Equal(ann, org.CustomerOf(nameAndEmail));
    }

    [Fact]
    public void A_custom_column_rule_adds_an_input()
    {
        var org = new Omnichannel("""{"rules": [{"table": "account", "columns": {"AccountNumber": "accountnumber"}}]}""");
        var contoso = org.Account("Contoso");
        org.Service.Update(new Entity("account", contoso.Id) { ["accountnumber"] = "ACC-100" });
        org.Account("Contoso");

        var conversation = org.StartConversation(("Name", "Contoso"), ("AccountNumber", "ACC-100"));

        Assert.Equal(contoso, org.CustomerOf(conversation));
    }

    [Fact]
    public void A_FetchXML_rule_compares_a_hostile_value_literally()
    {
        const string hostile = "a<b&c\"d%e' or 1=1";
        var org = new Omnichannel("""
            {"rules": [{"table": "contact", "fetchXml":
              "<fetch><entity name='contact'><attribute name='fullname'/><filter><condition attribute='description' operator='eq' value='${Code}'/></filter></entity></fetch>"}]}
            """);
        var exact = org.Contact("Exact");
        org.Service.Update(new Entity("contact", exact.Id) { ["description"] = hostile });
        var wildcardBait = org.Contact("Bait");
        org.Service.Update(new Entity("contact", wildcardBait.Id) { ["description"] = "a<b&c\"dXXe' or 1=1" });

        var conversation = org.StartConversation(("Code", hostile));

        Assert.Equal(exact, org.CustomerOf(conversation));
        var query = Assert.Single(org.CreateRun(conversation).Queries, q => q.EntityName == "contact");
        Assert.Equal("FetchXml", query.Kind);
        Assert.Equal(2, query.TopCount);
        Assert.False(query.AllColumns);
    }
}
