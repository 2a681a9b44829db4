using Identification.Plugins.Identification;
using Identification.Plugins.Tests.Support;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>SPEC §3.6: a number written any usual way finds the number stored in E.164 form.</summary>
public class PhoneNumberTests
{
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
    [InlineData("425 123 4567 x12", "1", null)]
    [InlineData("call me", "1", null)]
    [InlineData("+12", null, null)]
    public void Rewrites_a_typed_number_to_E164_only_when_it_can_be_told(string typed, string? defaultCountryCode, string? expected)
    {
        Assert.Equal(expected, PhoneNumbers.ToE164(typed, defaultCountryCode));
    }

    [Fact]
    public void Puts_the_SMS_country_code_in_front_of_a_number_without_one()
    {
        Assert.Equal("+14251234567", PhoneNumbers.WithCountryCode("4251234567", "+1"));
        Assert.Equal("+14251234567", PhoneNumbers.WithCountryCode("+14251234567", "44"));
    }
}
