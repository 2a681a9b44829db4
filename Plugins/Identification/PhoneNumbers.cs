using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

    /// <summary>The most values one phone input is looked up as, per column.</summary>
    public const int MaximumCandidates = 12;

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

    /// <summary>
    /// The values a phone input may be stored as, at most <see cref="MaximumCandidates"/>: the input as typed, then,
    /// when its number can be told, its E.164 form and its common written forms (<see cref="WrittenForms"/>).
    /// </summary>
    public static IReadOnlyList<string> Candidates(string input, string? defaultCountry)
    {
        var candidates = new List<string> { input };
        var number = Parse(input, defaultCountry);
        if (number == null)
        {
            return candidates;
        }

        foreach (var form in new[] { number.E164 }.Concat(WrittenForms(number, defaultCountry)))
        {
            if (candidates.Count == MaximumCandidates)
            {
                break;
            }

            if (!candidates.Contains(form))
            {
                candidates.Add(form);
            }
        }

        return candidates;
    }

    /// <summary>
    /// The common ways a number is written down, other than E.164 (README, "Phone numbers", lists them): national
    /// forms when the number is of the default country, international forms always. At most ten.
    /// </summary>
    public static IReadOnlyList<string> WrittenForms(ParsedPhoneNumber number, string? defaultCountry)
    {
        var national = NumberingPlan.ForCountry(defaultCountry) == number.Plan;
        var forms = number.Plan.CallingCode == "1" ? NanpForms(number.NationalNumber, national) : OtherForms(number, national);

        // A form that would read back as another number is not looked up (Israel's numbers starting 1 look, after the
        // trunk 0, like its international prefixes 012..019).
        return forms.Where(form => ToE164(form, defaultCountry) == number.E164).ToList();
    }

    /// <summary>(425) 555-0199, 425-555-0199, 425.555.0199, 4255550199, 425 555 0199, 1-425-555-0199, 1 (425) 555-0199; +1 425-555-0199, +1 (425) 555-0199, +1 425 555 0199.</summary>
    private static List<string> NanpForms(string n, bool national)
    {
        var forms = new List<string>();
        var area = n.Substring(0, 3);
        var exchange = n.Substring(3, 3);
        var line = n.Substring(6);
        if (national)
        {
            forms.Add("(" + area + ") " + exchange + "-" + line);
            forms.Add(area + "-" + exchange + "-" + line);
            forms.Add(area + "." + exchange + "." + line);
            forms.Add(n);
            forms.Add(area + " " + exchange + " " + line);
            forms.Add("1-" + area + "-" + exchange + "-" + line);
            forms.Add("1 (" + area + ") " + exchange + "-" + line);
        }

        forms.Add("+1 " + area + "-" + exchange + "-" + line);
        forms.Add("+1 (" + area + ") " + exchange + "-" + line);
        forms.Add("+1 " + area + " " + exchange + " " + line);
        return forms;
    }

    /// <summary>
    /// The national number with its trunk prefix, grouped where the groups follow from the number (Great Britain,
    /// France, Australia), and the international form "+CC national", grouped likewise, with "(0)" for Great Britain
    /// and France.
    /// </summary>
    private static List<string> OtherForms(ParsedPhoneNumber number, bool national)
    {
        var forms = new List<string>();
        var n = number.NationalNumber;
        var code = number.Plan.CallingCode;
        var grouped = Grouped(code, n);
        var trunk = number.Plan.TrunkPrefix ?? string.Empty;
        if (national)
        {
            forms.Add(trunk + n);
            if (grouped != null)
            {
                forms.Add(trunk + grouped);
                if (code == "33")
                {
                    forms.Add(trunk + grouped.Replace(' ', '.'));
                }
                else if (code == "61" && n[0] != '4')
                {
                    forms.Add("(0" + n[0] + ") " + n.Substring(1, 4) + " " + n.Substring(5));
                }
            }
        }

        forms.Add("+" + code + " " + (grouped ?? n));
        if (grouped != null && (code == "44" || code == "33"))
        {
            forms.Add("+" + code + " (0)" + grouped);
            forms.Add("+" + code + " (0) " + grouped);
        }

        return forms;
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

    /// <summary>
    /// The national number in the groups its country writes it in, where the groups follow from the number alone:
    /// Great Britain's ten-digit numbers, France, Australia's nine-digit numbers. Null elsewhere.
    /// </summary>
    private static string? Grouped(string code, string n)
    {
        switch (code)
        {
            case "44" when n.Length == 10:
                // 020 7946 0000; 0121 234 5678 (and 011x, 01x1); 07911 123456 and 01632 960123; 0300/0800/0900 123 4567.
                return n[0] == '2' ? Groups(n, 2, 4, 4)
                    : n[0] == '1' && (n[1] == '1' || n[2] == '1') ? Groups(n, 3, 3, 4)
                    : n[0] == '1' || n[0] == '7' ? Groups(n, 4, 6)
                    : n[0] == '3' || n[0] == '8' || n[0] == '9' ? Groups(n, 3, 3, 4)
                    : null;
            case "33":
                return Groups(n, 1, 2, 2, 2, 2);
            case "61" when n.Length == 9:
                return n[0] == '4' ? Groups(n, 3, 3, 3) : Groups(n, 1, 4, 4);
            default:
                return null;
        }
    }

    private static string Groups(string n, params int[] sizes)
    {
        var text = new StringBuilder(n.Length + sizes.Length);
        var at = 0;
        foreach (var size in sizes)
        {
            text.Append(text.Length > 0 ? " " : string.Empty).Append(n, at, size);
            at += size;
        }

        return text.ToString();
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
