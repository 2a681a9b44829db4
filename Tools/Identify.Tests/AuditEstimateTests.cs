using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Identification.Identify.Audit;
using Identification.Identify.Cli;
using Xunit;

namespace Identification.Identify.Tests;

/// <summary>The estimate of <c>identify audit --conversations</c> is what <c>identify replay</c> says on the same data, variant by variant.</summary>
public sealed class AuditEstimateTests : IDisposable
{
    private static readonly string Sample = IdentifyCli.SampleDirectory;
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Each_row_of_the_estimate_is_a_replay_of_the_same_conversations_under_that_configuration()
    {
        var json = Path.Combine(_directory.Path, "audit.json");
        var audit = CliRun.Of("audit", "--data", Data, "--config", Config, "--conversations", Conversations, "--json", json);
        Assert.Equal(0, audit.ExitCode);
        var rows = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("summary").GetProperty("estimate").GetProperty("configurations").EnumerateArray().ToList();

        Assert.Equal(["as configured", "resolution strict", "minimumMatchingInputs 2", "minimumMatchingInputs 3", "phoneColumns: every phone column"],
            rows.Select(row => row.GetProperty("variant").GetString()));
        var variants = AuditEstimate.Variants(File.ReadAllText(Config)).ToList();
        foreach (var (row, (name, configuration)) in rows.Zip(variants))
        {
            var file = _directory.Write(Guid.NewGuid().ToString("N") + ".json", configuration ?? "{}");
            var codes = CliRun.Of("replay", "--data", Data, "--conversations", Conversations, "--config", file, "--json").Lines
                .Select(line => line.GetProperty("code").GetString() ?? "(no code)").ToList();

            Assert.Equal(codes.Count, row.GetProperty("conversations").GetInt32());
            Assert.Equal(codes.Count(code => code.StartsWith("linked:", StringComparison.Ordinal)), row.GetProperty("linked").GetInt32());
            Assert.Equal(codes.Count(code => code.Split(';')[0] == "several"), row.GetProperty("several").GetInt32());
            Assert.Equal(codes.Count(code => code.Split(';')[0] == "none"), row.GetProperty("none").GetInt32());
        }
    }

    [Fact]
    public void The_variants_change_one_knob_each_and_keep_the_rest_of_the_configuration()
    {
        var variants = AuditEstimate.Variants("""{"defaultCountryCode": "GB", "resolution": "strict", "minimumMatchingInputs": 2, "phoneColumns": {"contact": ["mobilephone", "telephone1", "telephone2", "telephone3"], "account": ["telephone1", "telephone2", "telephone3"]}}""").ToList();

        Assert.Equal(["as configured", "resolution firstSingleMatch", "minimumMatchingInputs 1", "minimumMatchingInputs 3"], variants.Select(v => v.Variant));
        Assert.All(variants.Skip(1), v => Assert.Contains("\"defaultCountryCode\":\"GB\"", v.Configuration, StringComparison.Ordinal));
        Assert.Contains("\"resolution\":\"firstSingleMatch\"", variants[1].Configuration, StringComparison.Ordinal);
        Assert.Contains("\"minimumMatchingInputs\":2", variants[1].Configuration, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static string Data => Path.Combine(Sample, "data");

    private static string Config => Path.Combine(Sample, "config.json");

    private static string Conversations => Path.Combine(Sample, "conversations.jsonl");
}
