using System;
using System.Collections.Generic;
using System.Linq;

namespace Identification.Plugins.Identification;

/// <summary>
/// The facts about one country calling code that turning a written number into E.164 needs: the trunk prefix dialled
/// before national numbers (and whether E.164 drops it), the international prefixes dialled there to call abroad, the
/// lengths and first digits a national significant number may have. Countries that share a calling code (NANP "1",
/// "7" RU/KZ) share these facts, so one plan serves them all and the E.164 form never depends on
/// which of them was meant.
/// </summary>
/// <remarks>
/// The facts were read from libphonenumber's metadata (the tests check the table against it). Countries whose numbers
/// need more than these facts to parse right (a carrier code after the trunk prefix, as in Brazil, Colombia or Korea;
/// Argentina's mobile "15"; local numbers that imply an area code) are left out on purpose: their numbers are matched
/// as written only, never rewritten by a guess.
/// </remarks>
public sealed class NumberingPlan
{
    /// <summary>E.164: a country code and national number together have at most 15 digits.</summary>
    public const int MaximumE164Digits = 15;

    private readonly bool[] _lengths = new bool[18]; // libphonenumber allows 17 (Japan, Indonesia); E.164 stops at 15 with the code
    private readonly bool[] _firstDigits = new bool[10];

    private NumberingPlan(string callingCode, string regions, string? trunkPrefix, string internationalPrefixes, string lengths, string firstDigits)
    {
        CallingCode = callingCode;
        Regions = regions.Split(' ');
        TrunkPrefix = trunkPrefix;
        InternationalPrefixes = internationalPrefixes.Split(' ');
        foreach (var length in lengths.Split(' '))
        {
            _lengths[int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)] = true;
        }

        foreach (var digit in firstDigits)
        {
            _firstDigits[digit - '0'] = true;
        }

        FirstDigits = firstDigits;
    }

    /// <summary>The country calling code, digits only ("44").</summary>
    public string CallingCode { get; }

    /// <summary>The ISO 3166 regions that use this plan, the main one first ("GB", "GG", "IM", "JE").</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>The trunk prefix that national numbers are written with and E.164 drops ("0", "1", "8", "06"); null when there is none or it is part of the number (Italy's 0).</summary>
    public string? TrunkPrefix { get; }

    /// <summary>
    /// What callers in these countries dial before a country code; '#' stands for any digit. The longest that fits
    /// is taken, as libphonenumber does.
    /// </summary>
    public IReadOnlyList<string> InternationalPrefixes { get; }

    /// <summary>Whether a national significant number of this length and first digit can be a number here.</summary>
    public bool IsPossible(string nationalNumber) =>
        nationalNumber.Length > 0 && nationalNumber.Length + CallingCode.Length <= MaximumE164Digits
        && _lengths[nationalNumber.Length] && _firstDigits[nationalNumber[0] - '0'];

    /// <summary>The most digits a national significant number may have.</summary>
    public int LongestNationalNumber => Lengths.Max();

    /// <summary>The lengths a national significant number may have (for tests and documentation).</summary>
    public IEnumerable<int> Lengths => Enumerable.Range(0, _lengths.Length).Where(i => _lengths[i]);

    /// <summary>The digits a national significant number may start with.</summary>
    public string FirstDigits { get; }

    /// <summary>Every plan the normaliser knows, by calling code.</summary>
    // Columns: calling code, regions (main first), trunk prefix dropped by E.164, international prefixes, national
    // significant number lengths, first digits. Trunk "-": none, or kept in the number (Italy).
    public static IReadOnlyList<NumberingPlan> All { get; } = new[]
    {
        Plan("1",   "US CA AG AI AS BB BM BS DM DO GD GU JM KN KY LC MP MS PR SX TC TT VC VG VI", "1", "011", "10", "23456789"),
        Plan("7",   "RU KZ",       "8",  "810", "10 14", "34789"),
        Plan("20",  "EG",          "0",  "00",  "8 9 10", "12345689"),
        Plan("27",  "ZA",          "0",  "00",  "5 6 7 8 9 10", "123456789"),
        Plan("30",  "GR",          "-",  "00",  "10 11 12", "256789"),
        Plan("31",  "NL",          "0",  "00",  "5 6 7 8 9 10 11", "123456789"),
        Plan("32",  "BE",          "0",  "00",  "8 9", "123456789"),
        Plan("33",  "FR",          "0",  "00",  "9", "123456789"),
        Plan("34",  "ES",          "-",  "00",  "9", "456789"),
        Plan("36",  "HU",          "06", "00",  "8 9", "123456789"),
        Plan("39",  "IT VA",       "-",  "00",  "6 7 8 9 10 11 12", "0134578"),
        Plan("40",  "RO",          "0",  "00",  "6 9", "23789"),
        Plan("41",  "CH",          "0",  "00",  "9 12", "23456789"),
        Plan("43",  "AT",          "0",  "00",  "4 5 6 7 8 9 10 11 12 13", "123456789"),
        Plan("44",  "GB",          "0",  "00",  "7 9 10", "1235789"),
        Plan("45",  "DK",          "-",  "00",  "8", "23456789"),
        Plan("46",  "SE",          "0",  "00",  "6 7 8 9 10 12", "123456789"),
        Plan("47",  "NO SJ",       "-",  "00",  "5 8", "023456789"),
        Plan("48",  "PL",          "-",  "00",  "6 7 8 9 10", "123456789"),
        Plan("49",  "DE",          "0",  "00",  "4 5 6 7 8 9 10 11 12 13 14 15", "123456789"),
        Plan("52",  "MX",          "-",  "00 09", "10", "23456789"),
        Plan("60",  "MY",          "0",  "00",  "8 9 10", "13456789"),
        Plan("61",  "AU",          "0",  "0011 0014 0015 0016 0018 0019", "5 6 7 8 9 10 12", "123478"),
        Plan("62",  "ID",          "0",  "008 009", "7 8 9 10 11 12 13 14 15 16 17", "123456789"),
        Plan("63",  "PH",          "0",  "00",  "6 8 9 10 11 12 13", "123456789"),
        Plan("64",  "NZ",          "0",  "00 0161", "5 6 7 8 9 10", "123456789"),
        Plan("65",  "SG",          "-",  "00# 01# 02# 03#", "8 10 11", "136789"),
        Plan("66",  "TH",          "0",  "001 002 003 004 005 006 007 008 009", "8 9 10 13", "123456789"),
        Plan("81",  "JP",          "0",  "010", "8 9 10 11 12 13 14 15 16 17", "123456789"),
        Plan("84",  "VN",          "0",  "00",  "7 8 9 10", "12356789"),
        Plan("86",  "CN",          "0",  "00",  "7 8 9 10 11 12", "123456789"),
        Plan("90",  "TR",          "0",  "00",  "7 10 12 13", "234589"),
        Plan("91",  "IN",          "0",  "00",  "8 9 10 11 12 13", "123456789"),
        Plan("92",  "PK",          "0",  "00",  "8 9 10 11 12", "123456789"),
        Plan("234", "NG",          "0",  "009", "10 11 12 13 14", "2789"),
        Plan("254", "KE",          "0",  "000", "7 8 9 10", "12456789"),
        Plan("351", "PT",          "-",  "00",  "9", "1236789"),
        Plan("352", "LU",          "-",  "00",  "4 5 6 7 8 9 10 11", "23456789"),
        Plan("353", "IE",          "0",  "00",  "7 8 9 10", "12456789"),
        Plan("354", "IS",          "-",  "00 1001 1010 1020 1100", "7 9", "3456789"),
        Plan("358", "FI AX",       "0",  "00 990 991 994 996 999 99511 99541 99532 99533 99555 99559 99577 99588 99590 99599", "5 6 7 8 9 10 11 12", "123456789"),
        Plan("380", "UA",          "0",  "00",  "9 10", "3456789"),
        Plan("420", "CZ",          "-",  "00",  "9 10 11 12", "23456789"),
        Plan("421", "SK",          "0",  "00",  "6 7 9", "2345689"),
        Plan("852", "HK",          "-",  "00 001 002 006 007 008 009 0030 0050 0059", "5 6 7 8 9 11", "23456789"),
        Plan("880", "BD",          "0",  "00",  "6 7 8 9 10", "123456789"),
        Plan("886", "TW",          "0",  "002 005 006 007 009 019", "7 8 9 10 11", "23456789"),
        Plan("966", "SA",          "0",  "00",  "9 10", "1589"),
        Plan("971", "AE",          "0",  "00",  "5 6 7 8 9 10 11 12", "23456789"),
        Plan("972", "IL",          "0",  "00 012 013 014 015 016 017 018 019 0105", "7 8 9 10 11 12", "12345789"),
    };

    private static readonly Dictionary<string, NumberingPlan> ByCountry = Index();

    /// <summary>
    /// The plan of a default country as configured: a calling code ("44", "+44") or an ISO 3166 region ("GB",
    /// case-insensitive); null when it names no plan in the table.
    /// </summary>
    public static NumberingPlan? ForCountry(string? country)
    {
        if (country == null)
        {
            return null;
        }

        var key = country.Trim();
        if (key.Length > 0 && key[0] == '+')
        {
            key = key.Substring(1);
        }

        return ByCountry.TryGetValue(key, out var plan) ? plan : null;
    }

    /// <summary>The plan whose calling code starts <paramref name="digits"/> at <paramref name="start"/>, or null.</summary>
    /// <remarks>Calling codes are a prefix code (no code is the start of another), so at most one fits.</remarks>
    public static NumberingPlan? ForCallingCodeAt(string digits, int start)
    {
        for (var length = 1; length <= 3 && start + length <= digits.Length; length++)
        {
            if (ByCountry.TryGetValue(digits.Substring(start, length), out var plan) && plan.CallingCode.Length == length)
            {
                return plan;
            }
        }

        return null;
    }

    /// <summary>The length of the longest international prefix of this plan that starts <paramref name="digits"/>, or 0.</summary>
    public int InternationalPrefixLength(string digits)
    {
        var longest = 0;
        foreach (var prefix in InternationalPrefixes)
        {
            if (prefix.Length > longest && prefix.Length <= digits.Length && Fits(prefix, digits))
            {
                longest = prefix.Length;
            }
        }

        return longest;
    }

    private static bool Fits(string prefix, string digits)
    {
        for (var i = 0; i < prefix.Length; i++)
        {
            if (prefix[i] != '#' && prefix[i] != digits[i])
            {
                return false;
            }
        }

        return true;
    }

    private static NumberingPlan Plan(string callingCode, string regions, string trunk, string international, string lengths, string firstDigits) =>
        new NumberingPlan(callingCode, regions, trunk == "-" ? null : trunk, international, lengths, firstDigits);

    private static Dictionary<string, NumberingPlan> Index()
    {
        var index = new Dictionary<string, NumberingPlan>(StringComparer.OrdinalIgnoreCase);
        foreach (var plan in All)
        {
            index.Add(plan.CallingCode, plan);
            foreach (var region in plan.Regions)
            {
                index.Add(region, plan);
            }
        }

        return index;
    }
}
