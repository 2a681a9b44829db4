extern alias LibPhoneNumber;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Identification.Plugins.Identification;
using Xunit;
using Xunit.Abstractions;
using Lib = LibPhoneNumber::PhoneNumbers;

namespace Identification.Plugins.Tests.Properties;

/// <summary>
/// Issue 13 item 2: the plug-in's normaliser against libphonenumber, Google's library, as the oracle. For example numbers
/// of every country the normaliser knows (libphonenumber's own, per number type, and variations of them), written every
/// common way, with the number's own country, a foreign one or none as the default: our E.164 is libphonenumber's, or
/// ours declines. A wrong E.164 fails the test; declines are counted and must be numbers libphonenumber calls invalid
/// too, except in the forms listed in <see cref="DeclinedOnPurpose"/>.
/// </summary>
public class PhoneNumberOracleTests
{
    private static readonly Lib.PhoneNumberUtil Util = Lib.PhoneNumberUtil.GetInstance();

    private static readonly Lib.PhoneNumberType[] Types =
    {
        Lib.PhoneNumberType.FIXED_LINE, Lib.PhoneNumberType.MOBILE, Lib.PhoneNumberType.TOLL_FREE, Lib.PhoneNumberType.PREMIUM_RATE,
        Lib.PhoneNumberType.SHARED_COST, Lib.PhoneNumberType.VOIP, Lib.PhoneNumberType.PERSONAL_NUMBER, Lib.PhoneNumberType.PAGER,
        Lib.PhoneNumberType.UAN, Lib.PhoneNumberType.VOICEMAIL,
    };

    private static readonly string[] CodeWithoutPlusForms = { "E.164 digits without +", "code and national without +", "code, trunk and national without +" };

    /// <summary>Why the normaliser may decline a number libphonenumber calls valid; a decline with no reason fails the test.</summary>
    private static string? DeclinedOnPurpose(Case @case) =>
        @case.Theirs!.Length > 16 ? "longer than E.164's 15 digits (libphonenumber allows 17 for some German, Japanese, Indonesian numbers)"
        : @case.Theirs.Length == 9 && @case.Theirs.StartsWith("+1", StringComparison.Ordinal) ? "a Canadian seven-digit number (310-xxxx): the NANP plan takes ten digits"
        : CodeWithoutPlusForms.Contains(@case.Form) ? "the default country's code without + or 00, not too long to be a national number: which was meant depends on number ranges the table does not hold"
        : null;

    private readonly ITestOutputHelper _output;

    public PhoneNumberOracleTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Gives_libphonenumbers_E164_or_declines_for_every_written_form_of_every_known_country()
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(13);
        var tally = new Tally();
        var regions = NumberingPlan.All.SelectMany(p => p.Regions).Where(r => Util.GetSupportedRegions().Contains(r)).ToList();
        foreach (var region in regions)
        {
            var plan = NumberingPlan.ForCountry(region)!;
            var foreign = plan.CallingCode == "1" ? "GB" : "US";
            foreach (var number in Numbers(region, random))
            {
                foreach (var (form, text, home, asIf) in Forms(number, region, foreign))
                {
                    // The configured default is sometimes the calling code, sometimes the region: both must give the same.
                    var configured = home == null ? null : random.Next(2) == 0 ? home : "+" + Util.GetCountryCodeForRegion(home);
                    tally.Add(region, form, text, home, PhoneNumbers.ToE164(text, configured), Oracle(asIf ?? text, home));
                }
            }
        }

        _output.WriteLine(tally.Report(regions.Count, clock.Elapsed));
        Assert.True(regions.Select(r => NumberingPlan.ForCountry(r)).Distinct().Count() >= 25, "fewer than 25 countries");
        Assert.Empty(tally.Wrong);
        Assert.DoesNotContain(tally.MissedValid, m => DeclinedOnPurpose(m) == null);
    }

    /// <summary>
    /// Issue 13 item 3: every written form a number is looked up as is that number, for our normaliser and for
    /// libphonenumber alike, and one input never becomes more than 12 values.
    /// </summary>
    [Fact]
    public void Every_written_form_looked_up_is_the_same_number_to_libphonenumber()
    {
        var forms = 0;
        foreach (var region in NumberingPlan.All.SelectMany(p => p.Regions).Where(r => Util.GetSupportedRegions().Contains(r)))
        {
            foreach (var home in new[] { region, region == "US" ? "GB" : "US" })
            {
                foreach (var example in Types.Select(t => Util.GetExampleNumberForType(region, t)).Where(n => n != null))
                {
                    var e164 = Util.Format(example, Lib.PhoneNumberFormat.E164);
                    var number = PhoneNumbers.Parse(e164, home);
                    if (number == null)
                    {
                        continue;
                    }

                    Assert.InRange(PhoneNumbers.Candidates(e164 + " x1", home).Count, 2, PhoneNumbers.MaximumCandidates);
                    foreach (var form in PhoneNumbers.WrittenForms(number, home))
                    {
                        forms++;
                        Assert.True(e164 == PhoneNumbers.ToE164(form, home), form + " (" + home + ") is not " + e164 + " to us");
                        Assert.True(e164 == Util.Format(Util.Parse(form, home), Lib.PhoneNumberFormat.E164), form + " (" + home + ") is not " + e164 + " to libphonenumber");
                    }
                }
            }
        }

        _output.WriteLine(forms + " written forms checked");
    }

    /// <summary>The table's facts are libphonenumber's, for every region it names.</summary>
    [Fact]
    public void The_numbering_plan_table_agrees_with_libphonenumbers_metadata()
    {
        foreach (var plan in NumberingPlan.All)
        {
            foreach (var region in plan.Regions)
            {
                var metadata = Util.GetMetadataForRegion(region);
                Assert.True(metadata != null, region + " is not a region libphonenumber knows");
                Assert.Equal(plan.CallingCode, metadata.CountryCode.ToString(CultureInfo.InvariantCulture));
                Assert.Equal(plan.TrunkPrefix ?? string.Empty, metadata.NationalPrefix ?? string.Empty);
                var international = new System.Text.RegularExpressions.Regex("^(?:" + metadata.InternationalPrefix + ")$");
                Assert.All(plan.InternationalPrefixes, p => Assert.Matches(international, p.Replace('#', '5')));

                // NANP leaves out Canada's seven-digit numbers; the rest are libphonenumber's possible lengths.
                var lengths = metadata.GeneralDesc.PossibleLengthList.Where(l => plan.CallingCode != "1" || l == 10);
                Assert.Equal(lengths.OrderBy(l => l), plan.Lengths);
                foreach (var type in Types)
                {
                    if (Util.GetExampleNumberForType(region, type) is { } example && Util.GetNationalSignificantNumber(example) is var nsn
                        && plan.Lengths.Contains(nsn.Length))
                    {
                        Assert.True(plan.IsPossible(nsn), region + " " + type + " example " + nsn + " is not possible in the table");
                    }
                }
            }
        }
    }

    /// <summary>libphonenumber's E.164 for the text and whether it calls the number valid; null when it cannot parse it.</summary>
    private static (string? E164, bool Valid) Oracle(string text, string? region)
    {
        try
        {
            var number = Util.Parse(text, region ?? "ZZ");
            return (Util.Format(number, Lib.PhoneNumberFormat.E164), Util.IsValidNumber(number));
        }
        catch (Lib.NumberParseException)
        {
            return (null, false);
        }
    }

    /// <summary>libphonenumber's example numbers of the region, per type, and variations: other last digits (mostly valid), one digit fewer or more (mostly not).</summary>
    private static IEnumerable<Lib.PhoneNumber> Numbers(string region, Random random)
    {
        foreach (var type in Types)
        {
            var example = Util.GetExampleNumberForType(region, type);
            if (example == null)
            {
                continue;
            }

            yield return example;
            var national = Util.GetNationalSignificantNumber(example);
            var code = example.CountryCode;
            for (var i = 0; i < 2; i++)
            {
                var changed = national.Length > 5 ? string.Concat(national.AsSpan(0, national.Length - 3), random.Next(1000).ToString("D3", CultureInfo.InvariantCulture)) : national;
                yield return Util.Parse("+" + code + changed, "ZZ");
            }

            // One digit fewer or more: mostly invalid; libphonenumber still reads them.
            yield return Util.Parse("+" + code + national.Substring(0, national.Length - 1), "ZZ");
            yield return Util.Parse("+" + code + national + random.Next(10).ToString(CultureInfo.InvariantCulture), "ZZ");
        }
    }

    /// <summary>
    /// The number written every common way, each with the default country it is read with (null: none) and, where we
    /// read more than libphonenumber does (00 in North America or with no default country), the text libphonenumber
    /// is asked about instead.
    /// </summary>
    private static IEnumerable<(string Form, string Text, string? Home, string? AsIf)> Forms(Lib.PhoneNumber number, string region, string foreign)
    {
        var e164 = Util.Format(number, Lib.PhoneNumberFormat.E164);
        var international = Util.Format(number, Lib.PhoneNumberFormat.INTERNATIONAL);
        var national = Util.Format(number, Lib.PhoneNumberFormat.NATIONAL);
        var rfc3966 = Util.Format(number, Lib.PhoneNumberFormat.RFC3966);
        var nsn = Util.GetNationalSignificantNumber(number);
        var code = number.CountryCode.ToString(CultureInfo.InvariantCulture);
        var metadata = Util.GetMetadataForRegion(region);
        var trunk = metadata.NationalPrefix;
        var afterCode = international.Substring(code.Length + 2);

        foreach (var home in new[] { region, foreign })
        {
            yield return ("E.164", e164, home, null);
            yield return ("international", international, home, null);
            yield return ("RFC 3966", rfc3966, home, null);
            yield return ("international with x123", international + " x123", home, null);
            yield return ("RFC 3966 with ;ext=123", rfc3966 + ";ext=123", home, null);
            yield return ("E.164 in full-width digits", FullWidth(e164), home, null);
            yield return ("international with no-break spaces", international.Replace(' ', '\u00A0'), home, null);
            yield return ("international with en dashes", international.Replace(' ', '\u2013'), home, null);
            yield return ("(+code) national", "(+" + code + ") " + afterCode, home, null);
            if (!string.IsNullOrEmpty(trunk))
            {
                yield return ("international with (trunk) after the code", "+" + code + " (" + trunk + ") " + afterCode, home, null);
                yield return ("international with (trunk) joined", "+" + code + " (" + trunk + ")" + afterCode, home, null);
                yield return ("international with the trunk prefix after the code", "+" + code + " " + trunk + afterCode, home, null);
            }

            if (InternationalPrefix(home) is { } prefix)
            {
                yield return ("the default country's international prefix", prefix + " " + code + " " + afterCode, home, null);
                yield return ("the default country's international prefix, digits only", prefix + code + nsn, home, null);
            }
        }

        yield return ("E.164 without a default country", e164, null, null);
        yield return ("international without a default country", international, null, null);
        yield return ("RFC 3966 without a default country", rfc3966, null, null);
        yield return ("00 without a default country", "00" + code + " " + afterCode, null, "+" + code + " " + afterCode);

        yield return ("national", national, region, null);
        yield return ("national digits only", Digits(national), region, null);
        yield return ("national significant number only", nsn, region, null);
        yield return ("national with ext. 123", national + " ext. 123", region, null);
        yield return ("national with extension 123", national + " extension 123", region, null);
        yield return ("national with #123", national + " #123", region, null);
        yield return ("national in full-width digits", FullWidth(national), region, null);
        yield return ("national in Arabic-Indic digits", InScript(national, '\u0660'), region, null);
        yield return ("national in Devanagari digits", InScript(national, '\u0966'), region, null);
        yield return ("national in ideographic spaces and full-width hyphens", national.Replace(' ', '\u3000').Replace('-', '\uFF0D'), region, null);
        yield return ("E.164 digits without +", code + nsn, region, null);
        yield return ("code and national without +", code + " " + afterCode, region, null);
        if (!string.IsNullOrEmpty(trunk))
        {
            yield return ("code, trunk and national without +", code + " " + trunk + " " + afterCode, region, null);
        }

        if (code == "1")
        {
            yield return ("NANP 1 (area) exchange-line", "1 " + national, region, null);
            yield return ("NANP 1-area-exchange-line", "1-" + afterCode.Replace(' ', '-'), region, null);
            yield return ("NANP 00 instead of 011", "00 1 " + afterCode, region, "+1 " + afterCode);
        }

    }

    /// <summary>The simplest international prefix callers in the region dial: its preferred one, or its pattern when that is plain digits.</summary>
    private static string? InternationalPrefix(string region)
    {
        var metadata = Util.GetMetadataForRegion(region);
        var prefix = metadata.HasPreferredInternationalPrefix ? metadata.PreferredInternationalPrefix : metadata.InternationalPrefix;
        prefix = prefix.Replace("~", string.Empty, StringComparison.Ordinal);
        return prefix.All(char.IsAsciiDigit) ? prefix : null;
    }

    private static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());

    private static string FullWidth(string text) => new(text.Select(c => c >= '0' && c <= '9' ? (char)(c - '0' + '\uFF10') : c == '+' ? '\uFF0B' : c).ToArray());

    private static string InScript(string text, char zero) => new(text.Select(c => c >= '0' && c <= '9' ? (char)(c - '0' + zero) : c).ToArray());

    private sealed record Case(string Region, string Form, string Text, string? Home, string? Ours, string? Theirs, bool Valid)
    {
        public override string ToString() => $"{Region} {Form}: \"{Text}\" (default {Home ?? "none"}) ours {Ours ?? "declined"}, libphonenumber {Theirs ?? "unparsed"}{(Valid ? "" : " (invalid)")}";
    }

    private sealed class Tally
    {
        public List<Case> Wrong { get; } = new();
        public List<Case> MissedValid { get; } = new();
        public int Cases { get; private set; }
        public int Agreed { get; private set; }
        public int AgreedOnInvalid { get; private set; }
        public int DeclinedInvalid { get; private set; }
        private readonly HashSet<string> _forms = new(StringComparer.Ordinal);

        public void Add(string region, string form, string text, string? home, string? ours, (string? E164, bool Valid) theirs)
        {
            Cases++;
            _forms.Add(form);
            var @case = new Case(region, form, text, home, ours, theirs.E164, theirs.Valid);
            if (ours == null)
            {
                if (theirs.Valid)
                {
                    MissedValid.Add(@case);
                }
                else
                {
                    DeclinedInvalid++;
                }
            }
            else if (ours != theirs.E164)
            {
                Wrong.Add(@case);
            }
            else if (theirs.Valid)
            {
                Agreed++;
            }
            else
            {
                AgreedOnInvalid++;
            }
        }

        public string Report(int regions, TimeSpan elapsed)
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"{regions} regions, {_forms.Count} written forms, {Cases} cases in {elapsed.TotalSeconds:F1} s:");
            text.AppendLine(CultureInfo.InvariantCulture, $"  agreed on a valid number          {Agreed}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  agreed, libphonenumber: invalid   {AgreedOnInvalid} (a possible length, a range not assigned)");
            text.AppendLine(CultureInfo.InvariantCulture, $"  declined, libphonenumber: invalid {DeclinedInvalid}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  declined a valid number           {MissedValid.Count}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  wrong E.164                       {Wrong.Count}");
            foreach (var group in MissedValid.GroupBy(m => DeclinedOnPurpose(m) ?? "NO REASON: " + m.Form).OrderByDescending(g => g.Count()))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {group.Count()}: {group.Key}; e.g. {group.First()}");
            }

            foreach (var wrong in Wrong.Take(40))
            {
                text.AppendLine("  WRONG " + wrong);
            }

            return text.ToString();
        }
    }
}
