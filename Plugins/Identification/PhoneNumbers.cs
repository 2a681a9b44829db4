using System.Collections.Generic;
using System.Text;

namespace Identification.Plugins.Identification;

/// <summary>
/// Phone numbers as customers type them, matched against numbers stored in E.164 form (+14251234567), which is
/// what Omnichannel's voice and SMS identification expects. The verbatim input is always tried as well, so a number
/// stored exactly as typed still matches.
/// </summary>
public static class PhoneNumbers
{
    private const int MinimumDigits = 7;
    private const int MaximumE164Digits = 15;

    /// <summary>The values a phone input may be stored as: the input itself and, when it can be told, its E.164 form.</summary>
    public static IReadOnlyList<string> Candidates(string input, string? defaultCountryCode)
    {
        var candidates = new List<string> { input };
        var e164 = ToE164(input, defaultCountryCode);
        if (e164 != null && e164 != input)
        {
            candidates.Add(e164);
        }

        return candidates;
    }

    /// <summary>
    /// "+1 (425) 123-4567", "tel:+1-425-123-4567", "001 425 123 4567" → "+14251234567"; a national number such as
    /// "(425) 123-4567" only with a default country code (a leading trunk 0 is dropped: "020 7946 0000" with 44 →
    /// "+442079460000"). Null when the input is not a phone number or its country cannot be told.
    /// </summary>
    public static string? ToE164(string input, string? defaultCountryCode)
    {
        var text = input.Trim();
        if (text.StartsWith("tel:", System.StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(4);
        }

        var digits = new StringBuilder(text.Length);
        var international = false;
        foreach (var c in text)
        {
            if (c >= '0' && c <= '9')
            {
                digits.Append(c);
            }
            else if (c == '+' && digits.Length == 0 && !international)
            {
                international = true;
            }
            else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/' && c != '\u00a0')
            {
                // Letters, extensions ("x123") and other symbols: not a number we can rewrite safely.
                return null;
            }
        }

        var number = digits.ToString();
        if (!international)
        {
            if (number.StartsWith("00", System.StringComparison.Ordinal))
            {
                number = number.Substring(2);
            }
            else if (number.StartsWith("011", System.StringComparison.Ordinal) && defaultCountryCode == "1")
            {
                // The North American international prefix.
                number = number.Substring(3);
            }
            else if (defaultCountryCode != null)
            {
                number = defaultCountryCode + (number.StartsWith("0", System.StringComparison.Ordinal) ? number.Substring(1) : number);
            }
            else
            {
                return null;
            }
        }

        return number.Length >= MinimumDigits && number.Length <= MaximumE164Digits && number[0] != '0' ? "+" + number : null;
    }

    /// <summary>An SMS number with the engagement context's country code, when the number lacks one.</summary>
    public static string WithCountryCode(string number, string? countryCode)
    {
        var trimmed = number.Trim();
        if (trimmed.StartsWith("+", System.StringComparison.Ordinal) || string.IsNullOrWhiteSpace(countryCode))
        {
            return trimmed;
        }

        return "+" + countryCode!.Trim().TrimStart('+') + trimmed;
    }
}
