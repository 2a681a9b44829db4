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
    /// <summary>How long an interleaved job may take to reach its next service call before the run is declared stuck.</summary>
    private static readonly TimeSpan InterleavingTimeout = TimeSpan.FromSeconds(30);

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

    /// <summary>
    /// Runs <paramref name="jobs"/> at the same time, each on its own thread, one step at a time: a step lets one job
    /// make its next service call and run on to the one after (or to its end). <paramref name="schedule"/> picks the job
    /// of each step, as an index into the jobs still running (taken modulo their number); when it runs out, the jobs
    /// left take turns. The same schedule always gives the same interleaving.
    /// </summary>
    public IReadOnlyList<PluginRun> RunInterleaved(IReadOnlyList<AsyncJob> jobs, IEnumerable<int> schedule)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(schedule);
        foreach (var job in jobs)
        {
            Dequeue(job);
        }

        var turns = jobs.Select(_ => new SemaphoreSlim(0)).ToArray();
        var parked = new SemaphoreSlim(0);
        var finished = new bool[jobs.Count];
        var runs = new PluginRun?[jobs.Count];
        var failures = new Exception?[jobs.Count];
        var threads = jobs.Select((job, i) => new Thread(() =>
        {
            try
            {
                turns[i].Wait();
                runs[i] = job.Execute(chain: null, beforeServiceCall: () =>
                {
                    parked.Release();
                    turns[i].Wait();
                });
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
            finally
            {
                Volatile.Write(ref finished[i], true);
                parked.Release();
            }
        }) { IsBackground = true, Name = "LocalOrg job " + i }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        var running = Enumerable.Range(0, jobs.Count).ToList();
        using (var picks = schedule.GetEnumerator())
        {
            var turn = 0;
            while (running.Count > 0)
            {
                var pick = picks.MoveNext() ? picks.Current : turn++;
                var job = running[((pick % running.Count) + running.Count) % running.Count];
                turns[job].Release();
                if (!parked.Wait(InterleavingTimeout))
                {
                    throw new TimeoutException($"Interleaved job {jobs[job]} neither reached a service call nor finished within {InterleavingTimeout.TotalSeconds} s.");
                }

                if (Volatile.Read(ref finished[job]))
                {
                    running.Remove(job);
                }
            }
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw new InvalidOperationException("An interleaved job failed inside LocalOrg: " + failure.Message, failure);
        }

        return runs.Select(r => r!).ToArray();
    }

    private void Enqueue(AsyncJob job)
    {
        lock (pendingJobs)
        {
            pendingJobs.Add(job);
        }
    }

    private void Dequeue(AsyncJob job)
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
