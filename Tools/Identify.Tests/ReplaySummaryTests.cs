using System;
using System.IO;
using Identification.Identify.Conversations;
using Identification.Identify.Replay;

namespace Identification.Identify.Tests;

public class ReplaySummaryTests
{
    private static ReplaySummary Summary(params string?[] codes)
    {
        var summary = new ReplaySummary();
        var line = 0;
        foreach (var code in codes)
        {
            var conversation = new ConversationInput(++line, Guid.NewGuid(), Channel.Chat, [], null, [], null, null);
            var linked = code?.StartsWith("linked", StringComparison.Ordinal) == true;
            var customer = linked ? new RecordLink("contact", Guid.NewGuid()) : null;
            summary.Add(new ReplayResult(conversation, customer, null, null, code, [], code is null ? "create failed: test" : null,
                ReplaySession.Classify(conversation, customer, null, code, code is null ? "create failed: test" : null)));
        }

        return summary;
    }

    private static string Printed(ReplaySummary summary)
    {
        var error = new StringWriter();
        summary.Print(error, TimeSpan.FromSeconds(1));
        return error.ToString();
    }

    [Fact]
    public void Counts_each_code_with_corrected_counted_apart()
    {
        var summary = Summary("linked:verified", "linked:verified;corrected", "linked:identifier", "linked:case;corrected", "several", "none", "untrusted", "skipped");

        Assert.Equal(2, summary.CodeCount("linked:verified"));
        Assert.Equal(1, summary.CodeCount("linked:identifier"));
        Assert.Equal(0, summary.CodeCount("linked:name"));
        Assert.Equal(1, summary.CodeCount("linked:case"));
        Assert.Equal(1, summary.CodeCount("untrusted"));
        Assert.Equal(2, summary.Corrected);
        Assert.Equal(4, summary.Identified);
    }

    [Fact]
    public void Prints_the_count_and_share_of_every_code_and_the_identification_rate_by_code()
    {
        var printed = Printed(Summary("linked:verified", "linked:verified;corrected", "linked:identifier", "linked:case;corrected", "several", "none", "untrusted", "skipped"));

        Assert.Contains("By outcome code (the \"Customer identification code\" each conversation ends with; share of the 8):", printed, StringComparison.Ordinal);
        Assert.Contains("  linked:verified         2   25.0 %\n", printed.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  linked:name             0    0.0 %\n", printed.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  error                   0    0.0 %\n", printed.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  corrected               2   25.0 %  (also counted above", printed, StringComparison.Ordinal);
        Assert.Contains("Identification rate: 50.0 % (4 of 8 end linked; verified 25.0 %, identifier 12.5 %, name 0.0 %, case 12.5 %).", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(ReplaySummary.NoCode, printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_the_lines_scripts_read_before_the_codes()
    {
        var printed = Printed(Summary("linked:identifier", "none", "several"));

        Assert.Contains("Replayed 3 conversations in 1.00 s (3.0 conversations/s).", printed, StringComparison.Ordinal);
        Assert.Contains("  linked        1  (a customer or case link was added)", printed, StringComparison.Ordinal);
        Assert.Contains("  several       1  (nothing added; several records matched)", printed, StringComparison.Ordinal);
        Assert.Contains("  none          1  (nothing added; no match, no input, or already linked)", printed, StringComparison.Ordinal);
        Assert.Contains("  errors        0  (create failed, plug-in threw, or outcome reports an error)", printed, StringComparison.Ordinal);
        Assert.True(printed.IndexOf("  errors ", StringComparison.Ordinal) < printed.IndexOf("By outcome code", StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_a_conversation_without_a_code_and_a_code_it_does_not_know()
    {
        var summary = Summary(null, "linked:custom", "none");
        var printed = Printed(summary);

        Assert.Equal(1, summary.CodeCount(ReplaySummary.NoCode));
        Assert.Contains("  linked:custom           1   33.3 %", printed, StringComparison.Ordinal);
        Assert.Contains("  (no code)               1   33.3 %", printed, StringComparison.Ordinal);
        Assert.Contains("Identification rate: 33.3 % (1 of 3 end linked;", printed, StringComparison.Ordinal);
        Assert.Contains("  errors        1", printed, StringComparison.Ordinal);
    }
}
