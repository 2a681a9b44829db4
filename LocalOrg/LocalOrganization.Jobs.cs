using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Identification.LocalOrg;

/// <summary>
/// Asynchronous jobs under a test's control: queue them instead of running them after commit, then run them in any
/// order, or several at once with their service calls interleaved step by step, as Dataverse's asynchronous service
/// may run the jobs of one record on different hosts at the same time.
/// </summary>
public sealed partial class LocalOrganization
{
    private readonly List<AsyncJob> pendingJobs = [];

    /// <summary>When asynchronous steps run: after commit (the default) or when a test runs them (<see cref="AsynchronousMode.Queue"/>).</summary>
    public AsynchronousMode AsynchronousSteps { get; set; } = AsynchronousMode.RunAfterCommit;

    /// <summary>The queued jobs, oldest first (only with <see cref="AsynchronousMode.Queue"/>).</summary>
    public IReadOnlyList<AsyncJob> PendingJobs
    {
        get
        {
            lock (pendingJobs)
            {
                return pendingJobs.ToArray();
            }
        }
    }

    /// <summary>Runs one queued job now, on this thread; the jobs it sets off are queued in turn.</summary>
    public PluginRun RunJob(AsyncJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Dequeue(job);
        return job.Execute(chain: null, beforeServiceCall: null);
    }

    /// <summary>Runs queued jobs oldest first, including those they queue, until none is left; returns their runs.</summary>
    public IReadOnlyList<PluginRun> RunPendingJobs()
    {
        var runs = new List<PluginRun>();
        while (PendingJobs is { Count: > 0 } queued)
        {
            runs.Add(RunJob(queued[0]));
        }

        return runs;
    }

    /// <summary>Starts an interleaving: queued jobs run at once, step by step as the test says (<see cref="Interleaving"/>).</summary>
    public Interleaving Interleave() => new(this);

    /// <summary>
    /// Runs <paramref name="jobs"/> at the same time, one step at a time: <paramref name="schedule"/> picks the job of
    /// each step, as an index into the jobs still running (modulo their number); when it runs out, they take turns.
    /// The same schedule always gives the same interleaving.
    /// </summary>
    public IReadOnlyList<PluginRun> RunInterleaved(IReadOnlyList<AsyncJob> jobs, IEnumerable<int> schedule)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(schedule);
        var interleaving = Interleave();
        using (interleaving)
        {
            foreach (var job in jobs)
            {
                interleaving.Start(job);
            }

            foreach (var pick in schedule)
            {
                if (interleaving.Running.Count == 0)
                {
                    break;
                }

                interleaving.Step(pick);
            }
        }

        return interleaving.Finished;
    }

    private void Enqueue(AsyncJob job)
    {
        lock (pendingJobs)
        {
            pendingJobs.Add(job);
        }
    }

    internal void Dequeue(AsyncJob job)
    {
        lock (pendingJobs)
        {
            if (!pendingJobs.Remove(job))
            {
                throw new InvalidOperationException($"The job {job} is not waiting in the queue (it already ran, or belongs to another organization).");
            }
        }
    }
}
