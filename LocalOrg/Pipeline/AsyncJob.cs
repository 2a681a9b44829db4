using System;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>
/// One asynchronous step execution waiting in the queue (Dataverse's system job): which step, for which operation.
/// Queued only when its operation commits. With <see cref="AsynchronousMode.Queue"/> a test runs jobs when, in the
/// order, and interleaved the way it wants (<see cref="LocalOrganization.RunJob"/>, <see cref="LocalOrganization.RunInterleaved"/>).
/// </summary>
public sealed class AsyncJob
{
    private readonly LocalOrganization organization;
    private readonly Func<IPlugin> plugin;
    private readonly LocalPluginContext context;

    internal AsyncJob(LocalOrganization organization, PluginStepRegistration step, Func<IPlugin> plugin, LocalPluginContext context)
    {
        this.organization = organization;
        this.plugin = plugin;
        this.context = context;
        Step = step;
    }

    public PluginStepRegistration Step { get; }

    public string MessageName => context.MessageName;

    public string PrimaryEntityName => context.PrimaryEntityName;

    public Guid PrimaryEntityId => context.PrimaryEntityId;

    /// <summary>The context the job runs with (a snapshot taken when its operation ran, as Dataverse serializes it).</summary>
    public IPluginExecutionContext Context => context;

    public override string ToString() => $"{MessageName} of {PrimaryEntityName} {PrimaryEntityId} ({Step.PluginType?.Name})";

    /// <summary>Runs the job on this thread; work it sets off runs after it (or is queued) like any caller's.</summary>
    internal PluginRun Execute(OperationChain? chain, Action? beforeServiceCall)
    {
        // A job run later gets a chain of its own (same correlation id): jobs may run at once on other threads.
        var own = chain ?? new OperationChain(context.CorrelationId);
        context.Chain = own;
        context.BeforeServiceCall = beforeServiceCall;
        try
        {
            return organization.ExecuteJob(plugin(), context);
        }
        finally
        {
            context.BeforeServiceCall = null;
            if (chain is null)
            {
                LocalOrganization.RunAfterCommit(own);
            }
        }
    }
}

/// <summary>When asynchronous steps run.</summary>
public enum AsynchronousMode
{
    /// <summary>Right after the operation that queued them commits, in order, on the caller's thread (the default).</summary>
    RunAfterCommit,

    /// <summary>They wait in <see cref="LocalOrganization.PendingJobs"/> until a test runs them.</summary>
    Queue,
}
