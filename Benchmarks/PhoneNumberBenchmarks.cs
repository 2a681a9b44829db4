using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Identification.Plugins.Identification;

namespace Identification.Benchmarks;

/// <summary>
/// The phone normaliser over 100,000 varied inputs (every common written form of numbers of several countries, with
/// and without a default country, extensions, Unicode digits, and text that is no number): the cost per call of the
/// E.164 form alone, and of the values a phone input is looked up as (E.164 and the written forms).
/// </summary>
[MemoryDiagnoser]
public class PhoneNumberBenchmarks
{
    private const int Inputs = 100_000;

    private static readonly string[] Templates =
    {
        "+1 (###) ###-####", "(###) ###-####", "1-###-###-####", "###.###.####", "##########", "tel:+1-###-###-#### ;ext=12",
        "+44 (0) 7### ######", "07### ######", "0044 20 #### ####", "011 44 20 #### ####", "+33 1 ## ## ## ##", "01 ## ## ## ##",
        "+49 30 #######", "030 ########", "+61 4## ### ###", "(02) #### ####", "+91 9#### #####", "+81 3-####-####",
        "+39 06 #### ####", "8 (495) ###-##-##", "###-###-#### x123", "\uFF0B\uFF11 ### ### ####", "\u0660\u0667\u0669\u0661\u0661 ######",
        "call me at ###", "+998 71 ### ####", "####", "+12",
    };

    private static readonly string?[] Countries = { "1", "US", "44", "GB", "33", "49", "61", "91", "81", "39", "7", null };

    private (string Input, string? Country)[] _inputs = Array.Empty<(string, string?)>();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(13);
        _inputs = Enumerable.Range(0, Inputs).Select(_ =>
        {
            var template = Templates[random.Next(Templates.Length)];
            var text = string.Concat(template.Select(c => c == '#' ? random.Next(10).ToString(CultureInfo.InvariantCulture)[0] : c));
            return (text, Countries[random.Next(Countries.Length)]);
        }).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Inputs)]
    public int ToE164()
    {
        var told = 0;
        foreach (var (input, country) in _inputs)
        {
            told += PhoneNumbers.ToE164(input, country) != null ? 1 : 0;
        }

        return told;
    }

    [Benchmark(OperationsPerInvoke = Inputs)]
    public int Candidates()
    {
        var values = 0;
        foreach (var (input, country) in _inputs)
        {
            values += PhoneNumbers.Candidates(input, country).Count;
        }

        return values;
    }
}
