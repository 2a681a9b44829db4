using System;
using System.Linq;
using Identification.LocalOrg;
using Identification.Plugins.Hygiene;
using Identification.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>
/// Issue 13 item 4: the optional hygiene step rewrites contact and account phone numbers to E.164 as they are saved, when
/// the number can be told without doubt, and leaves them exactly as typed otherwise. It never blocks a save.
/// </summary>
public class PhoneHygieneTests
{
    private const string UnitedStates = """{"defaultCountryCode": "1"}""";

    [Theory]
    [InlineData("contact", "mobilephone", "(425) 555-0199", "+14255550199")]
    [InlineData("contact", "telephone1", "425-555-0199", "+14255550199")]
    [InlineData("contact", "telephone2", "425.555.0199", "+14255550199")]
    [InlineData("contact", "telephone3", "+1 425 555 0199", "+14255550199")]
    [InlineData("account", "telephone1", "(425) 555-0199", "+14255550199")]
    [InlineData("account", "telephone2", "011 44 20 7946 0000", "+442079460000")]
    public void A_number_saved_without_its_country_code_or_with_the_default_country_s_international_prefix_is_stored_in_E164(string table, string column, string typed, string stored)
    {
        var org = new LocalOrganization().RegisterPhoneHygiene(UnitedStates);

        var id = org.GetOrganizationService().Create(new Entity(table) { [column] = typed });

        Assert.Equal(stored, org.Find(table, id)!.GetAttributeValue<string>(column));
        Assert.Contains(column + ": rewritten to E.164.", Trace(org));
    }

    [Fact]
    public void The_default_country_may_be_an_ISO_region_as_in_the_identification_step()
    {
        var org = new LocalOrganization().RegisterPhoneHygiene("""{"defaultCountryCode": "GB"}""");

        var id = org.GetOrganizationService().Create(new Entity("contact") { ["mobilephone"] = "07911 123456" });

        Assert.Equal("+447911123456", org.Find("contact", id)!.GetAttributeValue<string>("mobilephone"));
    }

    [Fact]
    public void An_update_of_a_number_stores_it_in_E164()
    {
        var org = new LocalOrganization().RegisterPhoneHygiene(UnitedStates);
        var service = org.GetOrganizationService();
        var id = service.Create(new Entity("contact") { ["fullname"] = "Ann Smith", ["mobilephone"] = "+14255550100" });

        service.Update(new Entity("contact", id) { ["mobilephone"] = "(425) 555-0199" });

        Assert.Equal("+14255550199", org.Find("contact", id)!.GetAttributeValue<string>("mobilephone"));
    }

    [Fact]
    public void Numbers_written_with_their_country_code_are_rewritten_without_a_default_country()
    {
        var org = new LocalOrganization().RegisterPhoneHygiene(null);

        var id = org.GetOrganizationService().Create(new Entity("contact")
        {
            ["mobilephone"] = "+1 (425) 555-0199",
            ["telephone1"] = "+44 20 7946 0000",
        });

        var stored = org.Find("contact", id)!;
        Assert.Equal("+14255550199", stored.GetAttributeValue<string>("mobilephone"));
        Assert.Equal("+442079460000", stored.GetAttributeValue<string>("telephone1"));
    }

    [Fact]
    public void A_national_number_without_a_default_country_is_left_as_typed()
    {
        var org = new LocalOrganization().RegisterPhoneHygiene(null);

        var id = org.GetOrganizationService().Create(new Entity("contact") { ["mobilephone"] = "(425) 555-0199" });

        Assert.Equal("(425) 555-0199", org.Find("contact", id)!.GetAttributeValue<string>("mobilephone"));
        Assert.Contains("mobilephone: left as it is: its E.164 form cannot be told (no country code in it, and no defaultCountryCode configured", string.Join("\n", Trace(org)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_already_in_E164_is_left_alone_and_nothing_is_changed_or_written()
    {
        var org = new LocalOrganization();
        var target = new Entity("contact", Guid.NewGuid()) { ["mobilephone"] = "+14255550199" };

        var run = org.ExecutePluginWithTarget<PhoneNumberHygienePlugin>(target, "Update", stage: PipelineStage.PreOperation, unsecureConfiguration: UnitedStates);

        Assert.Null(run.Exception);
        Assert.Equal("+14255550199", target.GetAttributeValue<string>("mobilephone"));
        Assert.Single(target.Attributes);
        Assert.Empty(run.Writes);
        Assert.Empty(run.Queries);
        Assert.Contains(run.Trace, line => line.EndsWith("mobilephone: left as it is: already E.164.", StringComparison.Ordinal));
        Assert.Contains(run.Trace, line => line.EndsWith("No number rewritten.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_column_that_is_not_configured_is_left_as_typed()
    {
        var org = new LocalOrganization().RegisterPhoneHygiene("""{"defaultCountryCode": "1", "phoneColumns": {"contact": ["mobilephone"]}}""");

        var id = org.GetOrganizationService().Create(new Entity("contact") { ["mobilephone"] = "(425) 555-0100", ["telephone1"] = "(425) 555-0199" });

        var stored = org.Find("contact", id)!;
        Assert.Equal("+14255550100", stored.GetAttributeValue<string>("mobilephone"));
        Assert.Equal("(425) 555-0199", stored.GetAttributeValue<string>("telephone1"));
    }

    [Fact]
    public void A_table_whose_phone_columns_are_configured_empty_is_left_as_typed()
    {
        var org = new LocalOrganization().RegisterPhoneHygiene("""{"defaultCountryCode": "1", "phoneColumns": {"account": []}}""");

        var id = org.GetOrganizationService().Create(new Entity("account") { ["name"] = "Contoso", ["telephone1"] = "(425) 555-0199" });

        Assert.Equal("(425) 555-0199", org.Find("account", id)!.GetAttributeValue<string>("telephone1"));
        Assert.Contains("Nothing to do: no phone columns are configured for account.", Trace(org));
    }

    [Fact]
    public void An_update_that_changes_no_phone_column_does_not_run_the_step()
    {
        var org = new LocalOrganization().RegisterPhoneHygiene(UnitedStates);
        var service = org.GetOrganizationService();
        var id = service.Create(new Entity("contact") { ["fullname"] = "Ann Smith" });

        service.Update(new Entity("contact", id) { ["fullname"] = "Ann Smyth" });

        Assert.Equal(["Create"], org.HygieneRuns().Select(r => r.MessageName));
    }

    public static TheoryData<string> Hostile => new()
    {
        "call me after 6pm",
        "425 555 0199 x12",
        "(425) 555-0199 ext. 12",
        "tel:+1-425-555-0199;ext=12",
        "425-555-0199,,12",
        "*67 425 555 0199",
        "#31#4255550199",
        "12",
        "+",
        "++14255550199",
        "((((((((((",
        "   ",
        "\0\u202e4255550199",
        "425\ud800555 0199",
        "\ud83d\ude00",
        "=HYPERLINK(\"http://example.com\")",
        "<script>alert(1)</script>",
        new string('9', 101),
        new string('4', 1_000_000),
        "1" + new string(' ', 99),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_value_that_is_not_a_number_it_can_tell_is_saved_as_typed_and_nothing_throws(string typed)
    {
        var org = new LocalOrganization().RegisterPhoneHygiene(UnitedStates);

        var id = org.GetOrganizationService().Create(new Entity("contact") { ["mobilephone"] = typed });

        Assert.Equal(typed, org.Find("contact", id)!.GetAttributeValue<string>("mobilephone"));
        Assert.All(org.HygieneRuns(), run => Assert.Null(run.Exception));
    }

    [Fact]
    public void A_configured_column_that_holds_no_text_is_left_alone()
    {
        var org = new LocalOrganization().RegisterPhoneHygiene("""{"defaultCountryCode": "1", "phoneColumns": {"contact": ["numberofchildren"]}}""");

        var id = org.GetOrganizationService().Create(new Entity("contact") { ["numberofchildren"] = 4255550 });

        Assert.Equal(4255550, org.Find("contact", id)!.GetAttributeValue<int>("numberofchildren"));
        Assert.Contains("numberofchildren: left as it is: not text, so not a phone column.", Trace(org));
    }

    [Theory]
    [InlineData("{\"defaultCountryCode\": \"1\"", "The configuration is not valid JSON")]
    [InlineData("{\"defaultCountyCode\": \"1\"}", "Unknown option \"defaultCountyCode\" at $.defaultCountyCode (line 1, column 23). The phone number hygiene step knows phoneColumns and defaultCountryCode.")]
    [InlineData("{\"defaultCountryCode\": \"USA\"}", "$.defaultCountryCode must be a country calling code such as \"1\" or \"+44\", or the ISO region of a country the phone normaliser knows")]
    [InlineData("{\"defaultCountryCode\": 1}", "$.defaultCountryCode must be a string; it is a number")]
    [InlineData("{\"phoneColumns\": {\"lead\": [\"mobilephone\"]}}", "$.phoneColumns.lead names the table \"lead\"; the phone number hygiene step runs on \"contact\" and \"account\"")]
    [InlineData("{\"phoneColumns\": {\"contact\": [\"Mobile Phone\"]}}", "$.phoneColumns.contact[0] must be a column's logical name")]
    [InlineData("{\"phoneColumns\": {\"contact\": [\"mobilephone\", \"mobilephone\"]}}", "$.phoneColumns.contact[1] lists mobilephone a second time")]
    [InlineData("[\"contact\"]", "$ must be an object; it is an array")]
    public void A_bad_configuration_never_blocks_the_save_leaves_the_numbers_and_says_why(string configuration, string why)
    {
        var org = new LocalOrganization().RegisterPhoneHygiene(configuration);

        var id = org.GetOrganizationService().Create(new Entity("contact") { ["mobilephone"] = "(425) 555-0199", ["telephone1"] = "+1 425 555 0100" });

        var stored = org.Find("contact", id)!;
        Assert.Equal("(425) 555-0199", stored.GetAttributeValue<string>("mobilephone"));
        Assert.Equal("+1 425 555 0100", stored.GetAttributeValue<string>("telephone1"));
        var line = Assert.Single(Trace(org), l => l.StartsWith("Numbers left as typed: the step's configuration cannot be used: ", StringComparison.Ordinal));
        Assert.Contains(why, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Registered_after_the_save_it_changes_nothing_and_says_where_to_register_it()
    {
        var org = new LocalOrganization();
        var target = new Entity("contact", Guid.NewGuid()) { ["mobilephone"] = "(425) 555-0199" };

        var run = org.ExecutePluginWithTarget<PhoneNumberHygienePlugin>(target, "Create", stage: PipelineStage.PostOperation, unsecureConfiguration: UnitedStates);

        Assert.Equal("(425) 555-0199", target.GetAttributeValue<string>("mobilephone"));
        Assert.Contains(run.Trace, line => line.Contains("register the step PreOperation (20), synchronous", StringComparison.Ordinal));
    }

    [Fact]
    public void The_trace_names_the_columns_but_never_the_numbers()
    {
        var org = new LocalOrganization().RegisterPhoneHygiene(UnitedStates);

        org.GetOrganizationService().Create(new Entity("contact") { ["mobilephone"] = "(425) 555-0199", ["telephone1"] = "call me" });

        var trace = string.Join("\n", Trace(org));
        Assert.Contains("mobilephone: rewritten to E.164.", trace, StringComparison.Ordinal);
        Assert.Contains("telephone1: left as it is: it holds letters", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("555", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("call me", trace, StringComparison.Ordinal);
    }

    // The step's purpose: a number an agent or an import saved as people write it is stored as the caller's phone sends
    // it, so that identification (ours, and Microsoft's, which compares the caller's E.164 number as it is) finds it.
    [Fact]
    public void A_contact_saved_with_a_national_number_is_found_from_the_caller_s_E164_number()
    {
        var org = new Omnichannel();
        org.Org.RegisterPhoneHygiene(UnitedStates);
        var id = org.Service.Create(new Entity("contact") { ["fullname"] = "Ann Smith", ["mobilephone"] = "(425) 555-0199" });

        var conversation = org.StartConversation();
        org.CallerRings(conversation, "+14255550199");

        Assert.Equal("+14255550199", org.Org.Find("contact", id)!.GetAttributeValue<string>("mobilephone"));
        Assert.Equal(new EntityReference("contact", id), org.CustomerOf(conversation));
    }

    [Theory]
    [InlineData("(425) 555-0199", "1", PhoneHygieneOutcome.Rewritten, "+14255550199")]
    [InlineData(" +14255550199 ", "1", PhoneHygieneOutcome.Rewritten, "+14255550199")]
    [InlineData("tel:+1-425-555-0199", null, PhoneHygieneOutcome.Rewritten, "+14255550199")]
    [InlineData("+14255550199", "1", PhoneHygieneOutcome.AlreadyE164, null)]
    [InlineData("+442079460000", null, PhoneHygieneOutcome.AlreadyE164, null)]
    [InlineData("(425) 555-0199", null, PhoneHygieneOutcome.CannotTell, null)]
    [InlineData("425 555 0199 x12", "1", PhoneHygieneOutcome.MoreThanANumber, null)]
    [InlineData("", "1", PhoneHygieneOutcome.Empty, null)]
    [InlineData(null, "1", PhoneHygieneOutcome.Empty, null)]
    public void Decides_each_value_on_its_own(string? value, string? defaultCountryCode, PhoneHygieneOutcome outcome, string? e164)
    {
        var decision = PhoneHygiene.Decide(value, defaultCountryCode);

        Assert.Equal((outcome, e164), (decision.Outcome, decision.E164));
    }

    [Fact]
    public void Empty_configuration_means_the_phone_columns_of_Microsoft_s_voice_rule_and_no_default_country()
    {
        var settings = PhoneHygieneSettings.Parse(" ");

        Assert.Equal(["mobilephone", "telephone1", "telephone2", "telephone3"], settings.ColumnsOf("contact"));
        Assert.Equal(["telephone1", "telephone2"], settings.ColumnsOf("account"));
        Assert.Empty(settings.ColumnsOf("lead"));
        Assert.Null(settings.DefaultCountryCode);
    }

    [Fact]
    public void A_table_in_phoneColumns_replaces_its_defaults_and_the_other_table_keeps_them()
    {
        var settings = PhoneHygieneSettings.Parse("""{"phoneColumns": {"contact": ["mobilephone", "new_whatsapp"]}, "defaultCountryCode": "+44"}""");

        Assert.Equal(["mobilephone", "new_whatsapp"], settings.ColumnsOf("contact"));
        Assert.Equal(["telephone1", "telephone2"], settings.ColumnsOf("account"));
        Assert.Equal("44", settings.DefaultCountryCode);
    }

    private static string[] Trace(LocalOrganization org) =>
        org.HygieneRuns().SelectMany(r => r.Trace).Select(line => line.Substring(line.IndexOf("] ", StringComparison.Ordinal) + 2)).ToArray();
}
