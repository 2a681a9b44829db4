using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Identification.Plugins.Configuration;
using Identification.Plugins.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Identification.Plugins.Tests.Configuration;

/// <summary>
/// Issue 10: whatever an admin pastes as the step configuration, the parser returns settings or says what to fix
/// and where, and the plug-in's constructor never throws. Careless and hostile edits of every configuration the
/// suites use, with fixed seeds so that a failure replays.
/// </summary>
public class ConfigurationFuzzTests(ITestOutputHelper output)
{
    private const int EditsPerConfiguration = 1_500;

    /// <summary>Every hundredth edited configuration also runs through the real plug-in on a conversation.</summary>
    private const int RunEvery = 100;

    /// <summary>A refusal says where: a JSON path, or a line and column.</summary>
    private static readonly Regex Where = new(@"\$[.\[]|line \d+, column \d+", RegexOptions.CultureInvariant);

    private static readonly string[] Headlines = ["Linked: ", "Several records found: ", "No record found: ", "Skipped: ", "Error: "];

    [Fact]
    public void Every_edited_configuration_is_parsed_or_refused_saying_where_and_never_breaks_the_plugin()
    {
        var tally = new Tally();
        for (var seed = 0; seed < Configurations.UsedByTests.Count; seed++)
        {
            var mutator = new Mutator(seed);
            for (var edit = 0; edit < EditsPerConfiguration; edit++)
            {
                var configuration = mutator.Mutate(Configurations.UsedByTests[seed]);
                var at = $"seed {seed}, edit {edit}";
                tally.Parse(at, configuration, Record.Exception(() => IdentificationSettings.Parse(configuration)));
                if (Record.Exception(() => new ConversationIdentificationPlugin(configuration, null)) is { } thrown)
                {
                    tally.Escaped.Add($"{at}: the constructor threw {thrown.GetType().Name}");
                }

                if (edit % RunEvery == 0)
                {
                    tally.Run(at, OutcomeOfOneConversation(configuration));
                }
            }
        }

        output.WriteLine(tally.ToString());
        Assert.Empty(tally.Escaped);
        Assert.Empty(tally.Unlocated);
        Assert.Empty(tally.BadOutcomes);
        Assert.True(tally.Parsed + tally.Refused.Values.Sum() >= 20_000, tally.ToString());
        // The edits reach every layer: some configurations parse, and refusals come from the JSON reader, the options and the FetchXML rules.
        Assert.True(tally.Parsed >= 200 && tally.Refused["JSON"] >= 10_000 && tally.Refused["option"] >= 1_000 && tally.Refused["FetchXML"] >= 500, tally.ToString());
        Assert.True(tally.Runs >= 200, tally.ToString());
    }

    private static string? OutcomeOfOneConversation(string configuration)
    {
        var org = new Omnichannel(configuration);
        org.Contact("Ann Smith", "ann@contoso.com");
        var conversation = org.StartConversation(("Name", "Ann Smith"), ("Email", "ann@contoso.com"));
        return org.Org.Find(Schema.Conversation.Table, conversation) is null ? "(the conversation was not created)" : org.OutcomeOf(conversation);
    }

    private sealed class Tally
    {
        public int Parsed { get; private set; }
        public int Runs { get; private set; }
        public Dictionary<string, int> Refused { get; } = new() { ["JSON"] = 0, ["option"] = 0, ["FetchXML"] = 0 };
        public List<string> Escaped { get; } = [];
        public List<string> Unlocated { get; } = [];
        public List<string> BadOutcomes { get; } = [];

        public void Parse(string at, string configuration, Exception? error)
        {
            switch (error)
            {
                case null:
                    Parsed++;
                    break;
                case ConfigurationException refusal:
                    Refused[refusal.Message.StartsWith("The configuration is not valid JSON", StringComparison.Ordinal) ? "JSON"
                        : refusal.Message.Contains("fetchXml", StringComparison.Ordinal) ? "FetchXML" : "option"]++;
                    if (!Where.IsMatch(refusal.Message))
                    {
                        Unlocated.Add($"{at}: {refusal.Message}");
                    }

                    break;
                default:
                    Escaped.Add($"{at}: {error.GetType().Name}: {error.Message} in {(configuration.Length <= 300 ? configuration : configuration[..300] + "…")}");
                    break;
            }
        }

        public void Run(string at, string? outcome)
        {
            Runs++;
            if (outcome is null || !Headlines.Any(h => outcome.StartsWith(h, StringComparison.Ordinal) && outcome.Length > h.Length))
            {
                BadOutcomes.Add($"{at}: outcome {outcome ?? "(none)"}");
            }
        }

        public override string ToString() =>
            $"{Parsed} parsed, refused {string.Join(", ", Refused.Select(r => $"{r.Value} by {r.Key}"))}; {Runs} runs";
    }
}
