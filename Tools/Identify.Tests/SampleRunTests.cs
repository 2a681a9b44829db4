using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Identification.Identify.Cli;
using Identification.Identify.Conversations;

namespace Identification.Identify.Tests;

public class SampleRunTests
{
    [Fact]
    public void Replays_the_bundled_sample_when_given_no_arguments()
    {
        var conversations = ConversationFile.Read(Path.Combine(IdentifyCli.SampleDirectory, "conversations.jsonl")).ToList();

        var run = CliRun.Of();

        Assert.Equal(0, run.ExitCode);
        var lines = run.Lines;
        Assert.Equal(conversations.Count, lines.Length);
        Assert.True(conversations.Count >= 250, "the sample holds a few hundred conversations");
        for (var i = 0; i < conversations.Count; i++)
        {
            var line = lines[i];
            var expect = conversations[i].Expect!;
            Assert.Equal(conversations[i].Id, line.GetProperty("id").GetGuid());
            Assert.True(expect.Customer?.Id == Id(line.GetProperty("customer")), $"{conversations[i].Scenario} (line {conversations[i].Line}): customer {line.GetProperty("customer")}; {line.GetProperty("outcome")}");
            Assert.True(expect.Case?.Id == Id(line.GetProperty("case")), $"{conversations[i].Scenario} (line {conversations[i].Line}): case {line.GetProperty("case")}; {line.GetProperty("outcome")}");
            Assert.False(string.IsNullOrEmpty(line.GetProperty("outcome").GetString()));
        }

        Assert.Contains($"{conversations.Count} met, 0 not met", run.Error, StringComparison.Ordinal);
        Assert.Contains("errors        0", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"\n  linked:verified +[1-9]", run.Error.ReplaceLineEndings("\n"));
        Assert.Contains("Identification rate: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replays_the_bundled_sample_with_replay_and_no_files_too()
    {
        var run = CliRun.Of("replay");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Replaying the bundled sample", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ships_a_sample_covering_every_scenario()
    {
        var scenarios = ConversationFile.Read(Path.Combine(IdentifyCli.SampleDirectory, "conversations.jsonl"))
            .Select(c => c.Scenario)
            .Distinct()
            .ToList();

        Assert.Equal(Generation.SampleGenerator.Scenarios.Order(StringComparer.Ordinal), scenarios.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ships_exactly_what_the_generator_writes_with_its_defaults()
    {
        using var directory = new TempDirectory();

        var run = CliRun.Of("generate", "--out", directory.Path);

        Assert.Equal(0, run.ExitCode);
        foreach (var file in new[] { "data/contact.json", "data/account.json", "data/incident.json", "conversations.jsonl", "config.json" })
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(IdentifyCli.SampleDirectory, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(directory.Path, file))),
                $"samples/{file} differs from the generator's output: regenerate it (see Tools/Identify/README.md).");
        }
    }

    private static Guid? Id(JsonElement link) => link.ValueKind == JsonValueKind.Null ? null : link.GetProperty("id").GetGuid();
}
