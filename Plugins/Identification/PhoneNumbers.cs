using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Identification.Plugins.Identification;

/// <summary>
/// Phone numbers as people write them, turned into E.164 (+14251234567, the form Omnichannel's voice and SMS
/// identification expects) and into the written forms a stored number may have. Only countries of
/// <see cref="NumberingPlan.All"/> are rewritten; anything the normaliser cannot tell for sure gives no E.164 form, and
/// the value is then matched only as written. Total and linear: every string gives a result or null, never an exception.
/// </summary>
public static class PhoneNumbers
{
    /// <summary>Longer text is not a phone number (inputs are already capped at 256 characters).</summary>
    public const int MaximumInputLength = 256;

    // An international prefix (at most 5 digits) and an E.164 number (at most 15).
    private const int MaximumDigits = 20;
    private const int MaximumExtensionDigits = 15;

    // Longest first, so "extension" is not read as "ext" followed by "ension".
    private static readonly string[] ExtensionLabels = { ";ext=", "extension", "extn.", "extn", "ext.", "ext", "x", "#" };

    /// <summary>
    /// "+1 (425) 123-4567", "tel:+1-425-123-4567", "001 425 123 4567" → "+14251234567"; a national number such as
    /// "(425) 123-4567" or "1-425-123-4567" only with a default country ("020 7946 0000" with "44" or "GB" →
    /// "+442079460000"). An extension is left out. Null when the input is not a phone number of a known country or
    /// its country cannot be told.
    /// </summary>
    /// <param name="defaultCountry">The country of numbers written without a country code: a calling code ("1", "+44") or an ISO region ("GB"); null for none.</param>
    public static string? ToE164(string input, string? defaultCountry) => Parse(input, defaultCountry)?.E164;

    /// <summary>The number with its parts (country, national number, extension), or null where <see cref="ToE164"/> gives null.</summary>
    public static ParsedPhoneNumber? Parse(string? input, string? defaultCountry)
    {
        if (input == null || input.Length > MaximumInputLength)
        {
            return null;
        }

        var digits = new StringBuilder(MaximumDigits);
        var plus = false;
        string? extension = null;
        var i = 0;
        while (i < input.Length && IsSeparator(input[i]))
        {
            i++;
        }

        var uri = input.Length - i >= 4 && string.Compare(input, i, "tel:", 0, 4, StringComparison.OrdinalIgnoreCase) == 0;
        for (i += uri ? 4 : 0; i < input.Length; i++)
        {
            var c = Narrow(input[i]);
            var digit = DigitValue(c);
            if (digit >= 0)
            {
                if (digits.Length == MaximumDigits)
                {
                    return null;
                }

                digits.Append((char)('0' + digit));
            }
            else if (c == '+')
            {
                if (plus || digits.Length > 0)
                {
                    return null;
                }

                plus = true;
            }
            else if (!IsSeparator(c))
            {
                // Anything else can only be an extension, which ends the number.
                extension = digits.Length > 0 ? Extension(input, i) : null;
                if (extension == null)
                {
                    return null;
                }

                break;
            }
        }

        var number = digits.ToString();
        var home = NumberingPlan.ForCountry(defaultCountry);
        if (number.Length == 0)
        {
            return null;
        }

        if (plus)
        {
            return International(number, 0, extension);
        }

        var prefix = home?.InternationalPrefixLength(number) ?? 0;
        if (prefix == 0 && (home == null || home.CallingCode == "1") && number.StartsWith("00", StringComparison.Ordinal))
        {
            // 00, the ITU's recommended international prefix: understood with no default country (no national number
            // can be told then anyway) and in North America, where no national number starts with 0.
            prefix = 2;
        }

        // A 0 after the prefix means it was no international prefix (no country code starts with 0), as libphonenumber reads it.
        if (prefix > 0 && prefix < number.Length && number[prefix] != '0')
        {
            return International(number, prefix, extension);
        }

        return home != null ? National(number, home, extension) : null;
    }

    /// <summary>The values a phone input may be stored as: the input itself and, when it can be told, its E.164 form.</summary>
    public static IReadOnlyList<string> Candidates(string input, string? defaultCountry)
    {
        var candidates = new List<string> { input };
        var e164 = ToE164(input, defaultCountry);
        if (e164 != null && e164 != input)
        {
            candidates.Add(e164);
        }

        return candidates;
    }

    /// <summary>
    /// An SMS number with the engagement context's country code (a calling code or ISO region) when the number lacks
    /// one, through the same normaliser as typed numbers; a national number of a country the normaliser does not know
    /// gets the code put in front, as Omnichannel does, when it is plain digits not starting with 0.
    /// </summary>
    public static string WithCountryCode(string number, string? countryCode)
    {
        var trimmed = number.Trim();
        if (trimmed.StartsWith("+", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(countryCode))
        {
            return trimmed;
        }

        if (NumberingPlan.ForCountry(countryCode) != null)
        {
            return ToE164(trimmed, countryCode) ?? trimmed;
        }

        var code = countryCode!.Trim().TrimStart('+');
        return code.Length <= 3 && IsAsciiDigits(code) && IsAsciiDigits(trimmed) && trimmed[0] != '0' ? "+" + code + trimmed : trimmed;
    }

    private static ParsedPhoneNumber? International(string number, int start, string? extension)
    {
        var plan = NumberingPlan.ForCallingCodeAt(number, start);
        var national = plan != null ? Significant(plan, number.Substring(start + plan.CallingCode.Length)) : null;
        return national != null ? new ParsedPhoneNumber(plan!, national, extension) : null;
    }

    /// <summary>
    /// A number written without + or an international prefix: national (with or without the trunk prefix), or the
    /// default country's own code in front without a + ("1-425-555-0101", "44 7911 123456"). Where both readings give a
    /// possible number and they differ, it cannot be told which was meant.
    /// </summary>
    private static ParsedPhoneNumber? National(string number, NumberingPlan home, string? extension)
    {
        var national = Significant(home, number);
        if (number.StartsWith(home.CallingCode, StringComparison.Ordinal) && Significant(home, number.Substring(home.CallingCode.Length)) is { } withCode)
        {
            // The code is taken as a code only when the digits are too long to be a national number ("1 425 555 0101",
            // "44 7911 123456"); shorter, which was meant depends on number ranges the table does not hold.
            if ((national != null && national != withCode) || (national == null && number.Length <= home.LongestNationalNumber))
            {
                return null;
            }

            national = withCode;
        }

        return national != null ? new ParsedPhoneNumber(home, national, extension) : null;
    }

    /// <summary>
    /// The national significant number of the digits after the country code: without the trunk prefix where E.164 drops
    /// it ("+44 (0)20 …", "8 495 …"), when what is left is a possible number; null when neither is.
    /// </summary>
    private static string? Significant(NumberingPlan plan, string digits)
    {
        if (plan.TrunkPrefix is { } trunk && digits.StartsWith(trunk, StringComparison.Ordinal) && plan.IsPossible(digits.Substring(trunk.Length)))
        {
            return digits.Substring(trunk.Length);
        }

        return plan.IsPossible(digits) ? digits : null;
    }

    /// <summary>
    /// The extension that starts at <paramref name="start"/> ("x123", "ext. 123", "extension 123", "#123", ";ext=123"),
    /// its digits, or null when the rest is anything else.
    /// </summary>
    private static string? Extension(string input, int start)
    {
        var i = start;
        var label = Label(input, i);
        if (label == 0)
        {
            return null;
        }

        i += label;
        while (i < input.Length && (IsSeparator(input[i]) || input[i] == ':' || input[i] == ','))
        {
            i++;
        }

        var digits = new StringBuilder(MaximumExtensionDigits);
        for (; i < input.Length && DigitValue(Narrow(input[i])) is var digit && digit >= 0; i++)
        {
            if (digits.Length == MaximumExtensionDigits)
            {
                return null;
            }

            digits.Append((char)('0' + digit));
        }

        while (i < input.Length && IsSeparator(input[i]))
        {
            i++;
        }

        return digits.Length > 0 && i == input.Length ? digits.ToString() : null;
    }

    /// <summary>The length of the extension label at <paramref name="start"/>, or 0.</summary>
    private static int Label(string input, int start)
    {
        foreach (var label in ExtensionLabels)
        {
            if (input.Length - start >= label.Length && Matches(input, start, label))
            {
                return label.Length;
            }
        }

        return 0;
    }

    private static bool Matches(string input, int start, string label)
    {
        for (var i = 0; i < label.Length; i++)
        {
            if (char.ToLowerInvariant(Narrow(input[start + i])) != label[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Full-width forms (U+FF01..U+FF5E: "＋１２３", "ｘ") as their ASCII characters.</summary>
    private static char Narrow(char c) => c >= '\uFF01' && c <= '\uFF5E' ? (char)(c - 0xFEE0) : c;

    /// <summary>The value of a decimal digit of any script (Unicode category Nd, in the Basic Multilingual Plane), or -1.</summary>
    private static int DigitValue(char c) =>
        c >= '0' && c <= '9' ? c - '0' : c > '\u007F' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber ? CharUnicodeInfo.GetDecimalDigitValue(c) : -1;

    /// <summary>Spaces, dashes, dots, slashes, brackets and tildes of any width, as people put them between digits.</summary>
    private static bool IsSeparator(char c)
    {
        switch (c)
        {
            case ' ': case '\t': case '-': case '.': case '/': case '(': case ')': case '[': case ']': case '~':
            case '\u00A0': case '\u00AD': case '\u200B': case '\u2060': case '\u202F': case '\u205F': case '\u3000':
            case '\u2053': case '\u2212': case '\u223C': case '\u30FC':
                return true;
            default:
                return (c >= '\u2000' && c <= '\u200A') || (c >= '\u2010' && c <= '\u2015') || (c == '\uFF5E');
        }
    }

    private static bool IsAsciiDigits(string text)
    {
        foreach (var c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return text.Length > 0;
    }
}

/// <summary>A phone number told for sure: its plan, its national significant number and any extension.</summary>
public sealed class ParsedPhoneNumber
{
    internal ParsedPhoneNumber(NumberingPlan plan, string nationalNumber, string? extension)
    {
        Plan = plan;
        NationalNumber = nationalNumber;
        Extension = extension;
    }

    /// <summary>The numbering plan of its country code.</summary>
    public NumberingPlan Plan { get; }

    /// <summary>The national significant number: without country code or dropped trunk prefix ("7911123456").</summary>
    public string NationalNumber { get; }

    /// <summary>The extension's digits, or null; never part of <see cref="E164"/>.</summary>
    public string? Extension { get; }

    /// <summary>"+447911123456".</summary>
    public string E164 => "+" + Plan.CallingCode + NationalNumber;
}
