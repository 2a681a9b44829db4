using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace Identification.Identify.Phones;

/// <summary>What <c>identify phones</c> makes of one stored number.</summary>
internal enum PhoneCategory
{
    /// <summary>Stored exactly as libphonenumber writes its E.164 form, and valid.</summary>
    AlreadyE164,

    /// <summary>Valid, with one E.164 form that differs from what is stored: a fix is proposed.</summary>
    Fixable,

    /// <summary>Its country cannot be told: no country code and no default country, or valid only read as an international number missing its +.</summary>
    Ambiguous,

    /// <summary>Not a valid phone number, whatever its country.</summary>
    Invalid,

    /// <summary>Valid, but with an extension, which E.164 cannot hold: rewriting it would lose the extension.</summary>
    Extension,
}

/// <summary>The category of a stored number, its E.164 form when fixable, and why when not.</summary>
internal sealed record PhoneVerdict(PhoneCategory Category, string? E164, string? Reason);

/// <summary>libphonenumber's region for "none": parsing with it accepts only numbers written with their country code.</summary>
internal static class Regions
{
    public const string Unknown = "ZZ";
}

/// <summary>
/// The default country of <c>--default-country</c>: a country calling code (<c>1</c>, <c>+44</c>) or an ISO 3166-1 region
/// (<c>US</c>, <c>gb</c>). Numbers without a country code are read with the numbering rules of its region, which for a calling
/// code shared by several countries is the code's main one (1: US); the E.164 form of a valid number is the same whichever
/// of those countries it belongs to, since E.164 is the calling code followed by the national number.
/// </summary>
internal sealed partial record DefaultCountry(string Given, string Region, int CallingCode)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>How the summary names it: "1 (numbering rules of US)", "GB (+44)".</summary>
    public string Description => Given.All(char.IsAsciiLetter)
        ? $"{Region} (+{CallingCode.ToString(CultureInfo.InvariantCulture)})"
        : $"{CallingCode.ToString(CultureInfo.InvariantCulture)} (numbering rules of {Region})";

    /// <summary>Reads the option's value; null and a message when it names no country libphonenumber knows.</summary>
    public static DefaultCountry? Parse(string value, out string? error)
    {
        error = null;
        var text = value.Trim();
        if (CallingCodePattern().IsMatch(text))
        {
            var code = int.Parse(text.TrimStart('+'), NumberStyles.None, CultureInfo.InvariantCulture);
            var region = Util.GetRegionCodeForCountryCode(code);
            if (region == PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY)
            {
                error = $"--default-country {value}: +{code} is a calling code of a global service, not of a country; give the country's calling code or region (e.g. 1, US, 44, GB)";
                return null;
            }

            if (region == Regions.Unknown)
            {
                error = $"--default-country {value}: no country has the calling code +{code}; give a country's calling code or region (e.g. 1, US, 44, GB)";
                return null;
            }

            return new DefaultCountry(text, region, code);
        }

        if (RegionPattern().IsMatch(text))
        {
            var region = text.ToUpperInvariant();
            if (Util.GetSupportedRegions().Contains(region))
            {
                return new DefaultCountry(text, region, Util.GetCountryCodeForRegion(region));
            }

            error = $"--default-country {value}: {region} is not a region libphonenumber knows; give an ISO 3166-1 two-letter code or a calling code (e.g. 1, US, 44, GB)";
            return null;
        }

        error = $"--default-country {value}: give a country calling code (1, +44) or an ISO 3166-1 two-letter region (US, GB)";
        return null;
    }

    [GeneratedRegex(@"^\+?[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CallingCodePattern();

    [GeneratedRegex("^[A-Za-z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}

/// <summary>
/// Sorts a stored phone number with libphonenumber (Google's numbering metadata): already E.164, fixable (with its E.164
/// form), ambiguous, invalid, or valid with an extension. It proposes a form only when there is one reading of the number:
/// a number without its country code is read in the default country, and when it is not a valid number there but would be
/// one as an international number missing its +, that is a second reading, so a person decides.
/// </summary>
internal static class PhoneClassifier
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static PhoneVerdict Classify(string stored, DefaultCountry? country)
    {
        var region = country?.Region ?? Regions.Unknown;
        PhoneNumber number;
        try
        {
            number = Util.Parse(stored, region);
        }
        catch (NumberParseException ex)
        {
            if (ex.ErrorType == ErrorType.INVALID_COUNTRY_CODE && country is null && !stored.Contains('+', StringComparison.Ordinal))
            {
                return new PhoneVerdict(PhoneCategory.Ambiguous, null, "no country code, and no --default-country" + AsInternational(stored));
            }

            return SecondReading(stored, country) ?? new PhoneVerdict(PhoneCategory.Invalid, null, Describe(ex.ErrorType));
        }

        if (!Util.IsValidNumber(number))
        {
            return SecondReading(stored, country) ?? new PhoneVerdict(PhoneCategory.Invalid, null, WhyInvalid(number));
        }

        var e164 = Util.Format(number, PhoneNumberFormat.E164);
        if (number.HasExtension)
        {
            return new PhoneVerdict(PhoneCategory.Extension, null, $"{e164} with extension {number.Extension}, which E.164 cannot hold");
        }

        return string.Equals(e164, stored, StringComparison.Ordinal)
            ? new PhoneVerdict(PhoneCategory.AlreadyE164, e164, null)
            : new PhoneVerdict(PhoneCategory.Fixable, e164, null);
    }

    /// <summary>Ambiguous when a number that is not valid in the default country is valid as an international number missing its +.</summary>
    private static PhoneVerdict? SecondReading(string stored, DefaultCountry? country)
    {
        if (country is null || stored.Contains('+', StringComparison.Ordinal))
        {
            return null;
        }

        var international = AsInternational(stored);
        return international.Length == 0
            ? null
            : new PhoneVerdict(PhoneCategory.Ambiguous, null, $"not a valid number of {country.Region}{international}");
    }

    /// <summary>"; read as an international number missing its +, it is +447911123456 (GB)", or empty when it is not one.</summary>
    private static string AsInternational(string stored)
    {
        var digits = PhoneNumberUtil.NormalizeDigitsOnly(stored);
        if (digits.Length == 0 || digits.Length > 17)
        {
            return string.Empty;
        }

        try
        {
            var number = Util.Parse("+" + digits, Regions.Unknown);
            return Util.IsValidNumber(number) && !number.HasExtension
                ? $"; read as an international number missing its +, it is {Util.Format(number, PhoneNumberFormat.E164)} ({Util.GetRegionCodeForNumber(number)})"
                : string.Empty;
        }
        catch (NumberParseException)
        {
            return string.Empty;
        }
    }

    private static string WhyInvalid(PhoneNumber number)
    {
        var region = Util.GetRegionCodeForCountryCode(number.CountryCode);
        var where = region == Regions.Unknown ? $"+{number.CountryCode}" : region;
        return Util.IsPossibleNumberWithReason(number) switch
        {
            PhoneNumberUtil.ValidationResult.TOO_SHORT => $"too short for {where}",
            PhoneNumberUtil.ValidationResult.TOO_LONG => $"too long for {where}",
            PhoneNumberUtil.ValidationResult.INVALID_LENGTH => $"not a length numbers of {where} have",
            PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => $"no country has the calling code +{number.CountryCode}",
            _ => $"not a number {where} assigns",
        };
    }

    private static string Describe(ErrorType error) => error switch
    {
        ErrorType.INVALID_COUNTRY_CODE => "no country has that calling code",
        ErrorType.NOT_A_NUMBER => "not a phone number",
        ErrorType.TOO_SHORT_AFTER_IDD => "too short after the international prefix",
        ErrorType.TOO_SHORT_NSN => "too short",
        ErrorType.TOO_LONG => "too long",
        _ => "not a phone number",
    };
}
