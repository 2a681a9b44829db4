using System;
using System.Collections.Generic;

namespace Identification.LocalOrg;

/// <summary>
/// One caller's request and everything it sets off (plug-ins, their nested operations, asynchronous steps): the
/// correlation id, the open transaction, and the asynchronous work waiting for commits. Used by one thread.
/// </summary>
internal sealed class OperationChain(Guid correlationId)
{
    public Guid CorrelationId { get; } = correlationId;

    public Transaction? Transaction { get; set; }

    /// <summary>The failed service call that doomed the transaction, for the error that follows.</summary>
    public Exception? Failure { get; set; }

    public Queue<Action> AfterCommit { get; } = new();

    public bool Draining { get; set; }
}

/// <summary>Who performs an operation and from where: the user, the depth, and the plug-in execution (if any) it counts for.</summary>
internal sealed class CallerScope
{
    public required Func<Guid> UserId { get; init; }

    public Guid? InitiatingUserId { get; init; }

    public int Depth { get; init; } = 1;

    public LocalPluginContext? Parent { get; init; }

    public PluginRun? Run { get; init; }

    /// <summary>Null for a top-level caller: each of its calls starts a new chain.</summary>
    public OperationChain? Chain { get; init; }

    /// <summary>Called before each request of this caller: where an interleaved asynchronous job yields.</summary>
    public Action? BeforeCall { get; init; }

    /// <summary>The same caller inside <paramref name="chain"/>: for the operations one request is made of (Upsert, deep insert).</summary>
    public CallerScope Within(OperationChain chain) => new()
    {
        UserId = UserId,
        InitiatingUserId = InitiatingUserId,
        Depth = Depth,
        Parent = Parent,
        Run = Run,
        Chain = chain,
    };
}
