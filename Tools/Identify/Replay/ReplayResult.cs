using System.Collections.Generic;
using System.Linq;
using Identification.Identify.Conversations;
using Identification.LocalOrg;

namespace Identification.Identify.Replay;

/// <summary>
/// How a replayed conversation ended, for the summary. Errors take precedence; otherwise a conversation is
/// <see cref="Linked"/> when identification added a customer or case link it did not have before.
/// </summary>
internal enum Classification
{
    /// <summary>Identification added a customer or a case link.</summary>
    Linked,

    /// <summary>Nothing was added and the outcome says several records matched (ambiguous evidence).</summary>
    Several,

    /// <summary>Nothing was added: no record matched, no input was present, or the links were already set.</summary>
    None,

    /// <summary>A create failed (the plug-in blocked the conversation), a plug-in run threw, or the outcome reports an error.</summary>
    Error,
}

/// <summary>What replaying one conversation produced: the links an agent would see, the outcome text, and the cost.</summary>
internal sealed record ReplayResult(
    ConversationInput Conversation,
    RecordLink? Customer,
    RecordLink? Case,
    string? Outcome,
    string? Code,
    IReadOnlyList<PluginRun> Runs,
    string? Error,
    Classification Classification)
{
    /// <summary>With <c>--orders all</c>: the other orders of the late evidence, when there are any.</summary>
    public OrderCheck? Orders { get; init; }

    /// <summary>Queries made by every plug-in run of this conversation (nested runs included).</summary>
    public int Queries => Runs.Sum(run => run.Queries.Count);

    /// <summary>Creates and updates made by every plug-in run of this conversation.</summary>
    public int Writes => Runs.Sum(run => run.Writes.Count);

    /// <summary>Null when the conversation line carries no expectation; otherwise whether the links are as expected.</summary>
    public bool? MeetsExpectation =>
        Conversation.Expect is { } expect ? expect.Customer == Customer && SameCase(expect.Case, Case) : null;

    private static bool SameCase(RecordLink? expected, RecordLink? actual) => expected?.Id == actual?.Id;
}
