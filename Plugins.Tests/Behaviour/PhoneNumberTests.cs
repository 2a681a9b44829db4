using System;
using System.Linq;
using Identification.Plugins.Identification;
using Identification.Plugins.Tests.Support;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>
/// SPEC §3.6, issue 13: a number written any usual way finds the number stored in E.164 form or in a common written
/// form of the default country; where the country cannot be told, only the value as typed is tried.
/// </summary>
public class PhoneNumberTests
{
    /// <summary>Issue 13's table: what a new user types, the contact stored as <c>+14255550101</c>, <c>defaultCountryCode</c> "1".</summary>
    [Theory]
    [InlineData("+1 425 555 0101")]
    [InlineData("1 (425) 555-0101")]
    [InlineData("1-425-555-0101")]
    [InlineData("(425) 555-0101")]
    [InlineData("425.555.0101")]
    [InlineData("011 1 425 555 0101")]
    [InlineData("tel:+1-425-555-0101")]
    [InlineData("+1 425 555 0101 x123")]
    [InlineData("(425) 555-0101 ext. 123")]
    [InlineData("tel:+1-425-555-0101;ext=123")]
    [InlineData("\uFF0B\uFF11 \uFF14\uFF12\uFF15 \uFF15\uFF15\uFF15 \uFF10\uFF11\uFF10\uFF11")]
    [InlineData("425\u2011555\u20110101")]
    public void Links_the_contact_stored_in_E164_however_a_new_user_types_the_number(string typed)
    {
        var org = new Omnichannel("""{"defaultCountryCode": "1"}""");
        var ann = org.Contact("Ann Smith", mobile: "+14255550101");

        var conversation = org.StartConversation(("Phone", typed));

        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Theory]
    [InlineData("+44 (0) 7911 123456", "1")]
    [InlineData("+44 (0)7911 123456", null)]
    [InlineData("011 44 7911 123456", "1")]
    [InlineData("07911 123456", "44")]
    [InlineData("07911 123456", "GB")]
    [InlineData("0044 7911 123456", "GB")]
    [InlineData("44 7911 123456", "GB")]
    public void Finds_a_British_mobile_stored_in_E164_from_any_usual_writing(string typed, string? defaultCountry)
    {
        var org = new Omnichannel(defaultCountry == null ? null : "{\"defaultCountryCode\": \"" + defaultCountry + "\"}");
        var bob = org.Contact("Bob Jones", mobile: "+447911123456");

        var conversation = org.StartConversation(("Phone", typed));

        Assert.Equal(bob, org.CustomerOf(conversation));
    }

    [Fact]
    public void Matches_a_number_with_an_extension_without_the_extension_and_the_trace_says_so()
    {
        var org = new Omnichannel("""{"defaultCountryCode": "1"}""");
        var ann = org.Contact("Ann Smith", mobile: "+14255550101");

        var conversation = org.StartConversation(("Phone", "425-555-0101 ext. 123"));

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Contains(org.CreateRun(conversation).Trace, line => line.Contains("Phone: a +1 number", StringComparison.Ordinal)
            && line.Contains("the number is matched without the extension", StringComparison.Ordinal));
        Assert.DoesNotContain(org.CreateRun(conversation).Trace, line => line.Contains("555-0101", StringComparison.Ordinal) || line.Contains("5550101", StringComparison.Ordinal));
    }

    [Fact]
    public void Says_in_the_trace_when_a_number_is_matched_as_typed_only()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", mobile: "+14255550101");

        var conversation = org.StartConversation(("Phone", "(425) 555-0101"));

        Assert.Contains(org.CreateRun(conversation).Trace, line => line.Contains("Phone: not a number whose country the normaliser can tell (no defaultCountryCode); matched as typed only.", StringComparison.Ordinal));
    }

    /// <summary>Issue 13 item 3: numbers stored as people typed them, in the default country's common written forms.</summary>
    [Theory]
    [InlineData("(425) 555-0199")]
    [InlineData("425-555-0199")]
    [InlineData("425.555.0199")]
    [InlineData("4255550199")]
    [InlineData("425 555 0199")]
    [InlineData("1-425-555-0199")]
    [InlineData("1 (425) 555-0199")]
    [InlineData("+1 425-555-0199")]
    [InlineData("+1 (425) 555-0199")]
    [InlineData("+1 425 555 0199")]
    [InlineData("+14255550199")]
    public void Finds_a_North_American_number_stored_in_a_common_written_form(string stored)
    {
        foreach (var typed in new[] { "425-555-0199", "(425) 555-0199", "+1 425 555 0199", "1 425 555 0199", "tel:+14255550199" })
        {
            var org = new Omnichannel("""{"defaultCountryCode": "US"}""");
            var ann = org.Contact("Ann Smith", mobile: stored);

            var conversation = org.StartConversation(("Phone", typed));

            Assert.True(ann.Equals(org.CustomerOf(conversation)), "typed " + typed + ", stored " + stored);
        }
    }

    [Theory]
    [InlineData("44", "07911 123456")]
    [InlineData("44", "07911123456")]
    [InlineData("44", "+44 7911 123456")]
    [InlineData("44", "+44 (0)7911 123456")]
    [InlineData("44", "+44 (0) 7911 123456")]
    [InlineData("1", "+44 7911 123456")]
    public void Finds_a_British_mobile_stored_in_a_common_written_form(string defaultCountry, string stored)
    {
        var org = new Omnichannel("{\"defaultCountryCode\": \"" + defaultCountry + "\"}");
        var bob = org.Contact("Bob Jones", mobile: stored);

        var conversation = org.StartConversation(("Phone", "+447911123456"));

        Assert.Equal(bob, org.CustomerOf(conversation));
    }

    [Theory]
    [InlineData("020 7946 0000", "+442079460000", "44")]
    [InlineData("0121 234 5678", "+441212345678", "44")]
    [InlineData("0800 123 4567", "+448001234567", "44")]
    [InlineData("01 23 45 67 89", "+33123456789", "33")]
    [InlineData("01.23.45.67.89", "+33123456789", "33")]
    [InlineData("+33 1 23 45 67 89", "+33123456789", "33")]
    [InlineData("+33 (0)1 23 45 67 89", "+33123456789", "1")]
    [InlineData("(02) 9876 5432", "+61298765432", "61")]
    [InlineData("0412 345 678", "+61412345678", "AU")]
    [InlineData("+61 412 345 678", "+61412345678", "1")]
    [InlineData("030123456", "+4930123456", "DE")]
    [InlineData("+49 30123456", "+4930123456", "1")]
    public void Finds_numbers_of_other_countries_stored_in_their_stated_forms(string stored, string typed, string defaultCountry)
    {
        var org = new Omnichannel("{\"defaultCountryCode\": \"" + defaultCountry + "\"}");
        var contact = org.Contact("Chloé Martin", mobile: stored);

        var conversation = org.StartConversation(("Phone", typed));

        Assert.Equal(contact, org.CustomerOf(conversation));
    }

    [Theory]
    [InlineData("425/555-0199")]
    [InlineData("425 555-0199")]
    [InlineData("+1.425.555.0199")]
    [InlineData("Mobile: 425-555-0199")]
    [InlineData("030 123456")]
    public void Does_not_find_numbers_stored_in_forms_outside_the_list(string stored)
    {
        var org = new Omnichannel("""{"defaultCountryCode": "1"}""");
        org.Contact("Ann Smith", mobile: stored);

        var conversation = org.StartConversation(("Phone", stored == "030 123456" ? "+4930123456" : "+14255550199"));

        Assert.Null(org.CustomerOf(conversation));
    }

    [Fact]
    public void Looks_a_number_up_as_at_most_twelve_values()
    {
        var values = PhoneNumbers.Candidates("1-425-555-0199 x7", "1");

        Assert.Equal(12, values.Count);
        Assert.Equal("1-425-555-0199 x7", values[0]);
        Assert.Equal("+14255550199", values[1]);
        Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("+14251234567")]
    [InlineData("+1 (425) 123-4567")]
    [InlineData("001 425 123 4567")]
    [InlineData("(425) 123-4567")]
    [InlineData("425.123.4567")]
    [InlineData("tel:+1-425-123-4567")]
    public void Finds_the_contact_stored_in_E164_however_the_number_is_written(string typed)
    {
        var org = new Omnichannel("""{"defaultCountryCode": "1"}""");
        var ann = org.Contact("Ann Smith", "ann@contoso.com", "+14251234567");

        var conversation = org.StartConversation(("Phone", typed));

        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Fact]
    public void Still_matches_a_number_stored_exactly_as_typed()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", mobile: "(425) 123-4567");

        var conversation = org.StartConversation(("Phone", "(425) 123-4567"));

        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Fact]
    public void Does_not_guess_the_country_of_a_national_number_without_a_default_country_code()
    {
        var org = new Omnichannel();
        org.Contact("Ann Smith", mobile: "+14251234567");

        var conversation = org.StartConversation(("Phone", "(425) 123-4567"));

        Assert.Null(org.CustomerOf(conversation));
    }

    [Fact]
    public void Searches_the_configured_phone_columns()
    {
        var org = new Omnichannel("""{"phoneColumns": {"contact": ["mobilephone", "telephone1", "telephone2", "telephone3"]}}""");
        var ann = org.Contact("Ann Smith");
        org.Service.Update(new Microsoft.Xrm.Sdk.Entity("contact", ann.Id) { ["telephone2"] = "+442079460000" });

        var conversation = org.StartConversation(("Phone", "+44 20 7946 0000"));

        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Theory]
    [InlineData("+1 (425) 123-4567", null, "+14251234567")]
    [InlineData("0044 20 7946 0000", null, "+442079460000")]
    [InlineData("020 7946 0000", "44", "+442079460000")]
    [InlineData("011 44 20 7946 0000", "1", "+442079460000")]
    [InlineData("425 123 4567", "1", "+14251234567")]
    [InlineData("425 123 4567", null, null)]
    [InlineData("425 123 4567 x12", "1", "+14251234567")]
    [InlineData("1 (425) 123-4567", "1", "+14251234567")]
    [InlineData("1-425-123-4567", "US", "+14251234567")]
    [InlineData("+44 (0) 20 7946 0000", null, "+442079460000")]
    [InlineData("+39 06 1234 5678", null, "+390612345678")]
    [InlineData("06 1234 5678", "39", "+390612345678")]
    [InlineData("8 (495) 123-45-67", "7", "+74951234567")]
    [InlineData("06 1 234 5678", "36", "+3612345678")]
    [InlineData("0011 44 20 7946 0000", "AU", "+442079460000")]
    [InlineData("810 44 20 7946 0000", "RU", "+442079460000")]
    [InlineData("(425) 123-4567", "998", null)]
    [InlineData("+998 71 123 4567", null, null)]
    [InlineData("+1 425 123 456", null, null)]
    [InlineData("425 123 4567 ext", "1", null)]
    [InlineData("+1 425 123 4567 +1", null, null)]
    [InlineData("call me", "1", null)]
    [InlineData("+12", null, null)]
    public void Rewrites_a_typed_number_to_E164_only_when_it_can_be_told(string typed, string? defaultCountryCode, string? expected)
    {
        Assert.Equal(expected, PhoneNumbers.ToE164(typed, defaultCountryCode));
    }

    [Theory]
    [InlineData("4251234567", "+1", "+14251234567")]
    [InlineData("+14251234567", "44", "+14251234567")]
    [InlineData("07911 123456", "44", "+447911123456")]
    [InlineData("(425) 123-4567", "US", "+14251234567")]
    [InlineData("711234567", "998", "+998711234567")]
    [InlineData("0711234567", "998", "0711234567")]
    [InlineData("12345", "1", "12345")]
    public void Puts_the_SMS_country_code_in_front_of_a_number_without_one(string number, string countryCode, string expected)
    {
        Assert.Equal(expected, PhoneNumbers.WithCountryCode(number, countryCode));
    }

    [Fact]
    public void An_SMS_number_written_nationally_finds_the_contact_through_the_same_normaliser()
    {
        var org = new Omnichannel();
        var bob = org.Contact("Bob Jones", mobile: "+447911123456");
        var conversation = org.StartConversation();

        org.TextArrives(conversation, "07911 123456", "44");

        Assert.Equal(bob, org.CustomerOf(conversation));
    }

    [Fact]
    public void A_caller_number_finds_a_contact_stored_in_a_national_form()
    {
        var org = new Omnichannel("""{"defaultCountryCode": "1"}""");
        var ann = org.Contact("Ann Smith", mobile: "(425) 555-0199");
        var conversation = org.StartConversation();

        org.CallerRings(conversation, "+14255550199");

        Assert.Equal(ann, org.CustomerOf(conversation));
    }

    [Theory]
    [InlineData("44")]
    [InlineData("+44")]
    [InlineData("GB")]
    [InlineData("gb")]
    public void The_default_country_is_a_calling_code_or_an_ISO_region(string defaultCountry)
    {
        Assert.Equal("+442079460000", PhoneNumbers.ToE164("020 7946 0000", defaultCountry));
    }

    /// <summary>Untrusted input: every string gives a result or null, in time linear in its length.</summary>
    [Fact]
    public void Never_throws_on_hostile_input()
    {
        var random = new Random(13);
        var alphabet = "0123456789+-() .x#;=:tel/ext\uFF10\uFF0B\u0660\u00A0\u2013\uD800\uFFFFa,*";
        for (var i = 0; i < 20000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            foreach (var country in new[] { null, "1", "44", "GB", "61", "998", "", "ZZ", "+" })
            {
                _ = PhoneNumbers.Candidates(text, country);
                _ = PhoneNumbers.WithCountryCode(text, country);
            }
        }

        foreach (var text in new[] { new string('9', 256), new string('9', 100000), "+" + new string('1', 255), "x" + new string('1', 1000), "tel:" + new string(';', 1000), "" })
        {
            Assert.Null(PhoneNumbers.ToE164(text, "1"));
        }

        Assert.Null(PhoneNumbers.Parse(null, "1"));
    }
}
