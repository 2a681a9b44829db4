using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Identification.LocalOrg;

/// <summary>
/// Queued asynchronous jobs run at the same time, one step at a time under the test's control, as Dataverse's
/// asynchronous service may run the jobs of one record on different hosts at once. Each started job runs on a thread
/// of its own and stops before every service call it makes; <see cref="Step"/> lets one job make that call and run on
/// to its next one (or to its end). Between steps no job runs, so the test may change the organization itself (a
/// context variable arrives, an agent relinks), and may start jobs that become queued meanwhile.
/// </summary>
public sealed class Interleaving : IDisposable
{
    /// <summary>How long a job may take to reach its next service call before the test is declared stuck.</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private readonly LocalOrganization organization;
    private readonly List<Participant> running = [];
    private readonly List<PluginRun> finished = [];
    private readonly SemaphoreSlim parked = new(0);

    internal Interleaving(LocalOrganization organization)
    {
        this.organization = organization;
    }

    /// <summary>The jobs started and not finished, in the order they were started.</summary>
    public IReadOnlyList<AsyncJob> Running => running.Select(p => p.Job).ToList();

    /// <summary>The runs of the jobs that finished, in the order they finished.</summary>
    public IReadOnlyList<PluginRun> Finished => finished;

    /// <summary>Takes a job out of the queue and starts it; it stops before its first service call.</summary>
    public void Start(AsyncJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        organization.Dequeue(job);
        var participant = new Participant(job);
        participant.Thread = new Thread(() =>
        {
            try
            {
                participant.Turn.Wait();
                participant.Run = job.Execute(chain: null, beforeServiceCall: () =>
                {
                    parked.Release();
                    participant.Turn.Wait();
                });
            }
            catch (Exception e)
            {
                participant.Failure = e;
            }
            finally
            {
                Volatile.Write(ref participant.Done, true);
                parked.Release();
            }
        })
        { IsBackground = true, Name = "LocalOrg job " + job };
        participant.Thread.Start();
        running.Add(participant);
        Advance(participant);
    }

    /// <summary>Lets the running job at <paramref name="index"/> (modulo their number) make its next call; false when it finished.</summary>
    public bool Step(int index)
    {
        if (running.Count == 0)
        {
            throw new InvalidOperationException("No job is running.");
        }

        var participant = running[((index % running.Count) + running.Count) % running.Count];
        return Advance(participant);
    }

    /// <summary>Runs every started job to its end, taking turns.</summary>
    public void Dispose()
    {
        while (running.Count > 0)
        {
            Advance(running[0]);
        }

        parked.Dispose();
    }

    private bool Advance(Participant participant)
    {
        participant.Turn.Release();
        if (!parked.Wait(StepTimeout))
        {
            throw new TimeoutException($"Interleaved job {participant.Job} neither reached a service call nor finished within {StepTimeout.TotalSeconds} s.");
        }

        if (!Volatile.Read(ref participant.Done))
        {
            return true;
        }

        participant.Thread!.Join();
        running.Remove(participant);
        if (participant.Failure is { } failure)
        {
            throw new InvalidOperationException("An interleaved job failed inside LocalOrg: " + failure.Message, failure);
        }

        finished.Add(participant.Run!);
        return false;
    }

    private sealed class Participant(AsyncJob job)
    {
        public bool Done;

        public AsyncJob Job { get; } = job;

        public SemaphoreSlim Turn { get; } = new(0);

        public Thread? Thread { get; set; }

        public PluginRun? Run { get; set; }

        public Exception? Failure { get; set; }
    }
}
