using System;
using System.Collections.Generic;
using System.Linq;
using Identification.LocalOrg;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Tests.Support;

/// <summary>One piece of evidence about a conversation, as Omnichannel writes it: a row that references the conversation.</summary>
internal abstract record Piece
{
    /// <summary>A context variable (pre-chat answer, setContextProvider, bot variable).</summary>
    public sealed record Variable(string Name, string Value) : Piece
    {
        public override string ToString() => Name + "=" + Value;
    }

    /// <summary>A later value of a variable created by an earlier <see cref="Variable"/> of the same name.</summary>
    public sealed record Changed(string Name, string Value) : Piece
    {
        public override string ToString() => Name + ":=" + Value;
    }

    /// <summary>The voice engagement context with the caller's number.</summary>
    public sealed record Call(string Number) : Piece
    {
        public override string ToString() => "call " + Number;
    }

    /// <summary>The SMS engagement context with the texter's number.</summary>
    public sealed record Text(string Number, string? CountryCode = null) : Piece
    {
        public override string ToString() => "sms " + Number;
    }

    /// <summary>
    /// The chat's live-chat context: the portal's identity of the visitor. <paramref name="Record"/> names a seeded record
    /// whose id the portal gives (or is the id text itself when no record has that name).
    /// </summary>
    public sealed record SignIn(string Record, bool Authenticated = true) : Piece
    {
        public override string ToString() => (Authenticated ? "signed in as " : "unauthenticated, portal id of ") + Record;
    }
}

/// <summary>When the asynchronous jobs that evidence starts run.</summary>
internal enum JobTiming
{
    /// <summary>Each right after its evidence arrived (one host, no backlog).</summary>
    AsEachArrives,

    /// <summary>All after every piece arrived, oldest first.</summary>
    OldestFirst,

    /// <summary>All after every piece arrived, newest first.</summary>
    NewestFirst,

    /// <summary>All after every piece arrived, in a random order (fixed seed).</summary>
    Shuffled,

    /// <summary>All at once, their service calls interleaved at random (fixed seed).</summary>
    Interleaved,

    /// <summary>
    /// Evidence keeps arriving while jobs run: at each step, at random (fixed seed), the next piece arrives, a queued
    /// job starts, or a running job makes its next service call.
    /// </summary>
    WhileJobsRun,
}

/// <summary>
/// A set of records and the evidence one conversation gives about them, replayed as Omnichannel delivers it: some
/// evidence present when the conversation is created, the rest arriving later in a chosen order, and the plug-in's
/// asynchronous jobs run when and how the test says. The reference result is one identification over all of it.
/// </summary>
internal sealed class EvidenceScenario
{
    private readonly Action<Omnichannel, Dictionary<string, EntityReference>> _seed;

    public EvidenceScenario(string name, Action<Omnichannel, Dictionary<string, EntityReference>> seed, IReadOnlyList<Piece> evidence,
        string? agentLinksCustomer = null, string? configuration = null)
    {
        Name = name;
        _seed = seed;
        Evidence = evidence;
        AgentLinksCustomer = agentLinksCustomer;
        Configuration = configuration;
    }

    public string Name { get; }

    public IReadOnlyList<Piece> Evidence { get; }

    /// <summary>A seeded record an agent linked as the customer before any evidence arrived, or null.</summary>
    public string? AgentLinksCustomer { get; }

    public string? Configuration { get; }

    public override string ToString() => Name;

    /// <summary>The conversation when all its evidence is there at creation: one identification over all of it.</summary>
    public Result OneShot() => Replay(Evidence, Array.Empty<Piece>(), JobTiming.AsEachArrives, seed: 0);

    /// <summary>
    /// <paramref name="present"/> exists when the conversation is created; <paramref name="late"/> arrives after, in
    /// that order; the jobs run as <paramref name="timing"/> says.
    /// </summary>
    public Result Replay(IReadOnlyList<Piece> present, IReadOnlyList<Piece> late, JobTiming timing, int seed)
    {
        var org = new Omnichannel(Configuration);
        var clock = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var tick = 0L;
        org.Org.UtcNow = () => clock.AddMilliseconds(System.Threading.Interlocked.Increment(ref tick));
        org.Org.AsynchronousSteps = AsynchronousMode.Queue;
        var records = new Dictionary<string, EntityReference>();
        _seed(org, records);

        var conversation = Guid.NewGuid();
        var variables = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        org.Org.Initialize(Present(conversation, present, variables, records));

        org.Service.Create(new Entity(Schema.Conversation.Table, conversation)
        {
            [Schema.Conversation.Customer] = AgentLinksCustomer == null ? null : records[AgentLinksCustomer],
        });
        var random = new Random(seed);
        if (timing == JobTiming.WhileJobsRun)
        {
            ArriveWhileJobsRun(org, conversation, late, variables, records, random);
            return new Result(org, conversation, records);
        }

        foreach (var piece in late)
        {
            Arrive(org, conversation, piece, variables, records);
            if (timing == JobTiming.AsEachArrives)
            {
                org.Org.RunPendingJobs();
            }
        }

        var jobs = org.Org.PendingJobs;
        switch (timing)
        {
            case JobTiming.NewestFirst:
                foreach (var job in jobs.Reverse())
                {
                    org.Org.RunJob(job);
                }

                break;
            case JobTiming.Shuffled:
                foreach (var job in jobs.OrderBy(_ => random.Next()).ToList())
                {
                    org.Org.RunJob(job);
                }

                break;
            case JobTiming.Interleaved:
                org.Org.RunInterleaved(jobs, Enumerable.Range(0, 200).Select(_ => random.Next(jobs.Count)).ToList());
                break;
        }

        // Jobs set off by the plug-in's own writes (they recognise its items and do nothing) and any left over.
        org.Org.RunPendingJobs();
        return new Result(org, conversation, records);
    }

    private static void ArriveWhileJobsRun(Omnichannel org, Guid conversation, IReadOnlyList<Piece> late, Dictionary<string, Guid> variables,
        IReadOnlyDictionary<string, EntityReference> records, Random random)
    {
        var arriving = new Queue<Piece>(late);
        using var interleaving = org.Org.Interleave();
        while (true)
        {
            var queued = org.Org.PendingJobs;
            var moves = new List<Action>();
            if (arriving.Count > 0)
            {
                moves.Add(() => Arrive(org, conversation, arriving.Dequeue(), variables, records));
            }

            if (queued.Count > 0)
            {
                moves.Add(() => interleaving.Start(queued[random.Next(queued.Count)]));
            }

            if (interleaving.Running.Count > 0)
            {
                // Stepping weighs more: jobs then often run long after evidence arrived, and into each other.
                moves.Add(() => interleaving.Step(random.Next(interleaving.Running.Count)));
                moves.Add(() => interleaving.Step(random.Next(interleaving.Running.Count)));
            }

            if (moves.Count == 0)
            {
                return;
            }

            moves[random.Next(moves.Count)]();
        }
    }

    /// <summary>The rows of the evidence present at creation: a changed variable is there with its last value.</summary>
    private static List<Entity> Present(Guid conversation, IReadOnlyList<Piece> present, Dictionary<string, Guid> variables,
        IReadOnlyDictionary<string, EntityReference> records)
    {
        var rows = new List<Entity>();
        foreach (var piece in present)
        {
            if (piece is Piece.Changed changed)
            {
                rows.Single(r => r.Id == variables[changed.Name])[Schema.ContextItem.Value] = changed.Value;
                continue;
            }

            var row = Row(conversation, piece, records);
            if (piece is Piece.Variable variable)
            {
                variables[variable.Name] = row.Id;
            }

            rows.Add(row);
        }

        return rows;
    }

    private static void Arrive(Omnichannel org, Guid conversation, Piece piece, Dictionary<string, Guid> variables,
        IReadOnlyDictionary<string, EntityReference> records)
    {
        if (piece is Piece.Changed changed)
        {
            org.Service.Update(new Entity(Schema.ContextItem.Table, variables[changed.Name]) { [Schema.ContextItem.Value] = changed.Value });
            return;
        }

        var row = Row(conversation, piece, records);
        if (piece is Piece.Variable variable)
        {
            variables[variable.Name] = row.Id;
        }

        org.Service.Create(row);
    }

    private static Entity Row(Guid conversation, Piece piece, IReadOnlyDictionary<string, EntityReference> records)
    {
        var reference = new EntityReference(Schema.Conversation.Table, conversation);
        return piece switch
        {
            Piece.Variable variable => new Entity(Schema.ContextItem.Table, Guid.NewGuid())
            {
                [Schema.ContextItem.Name] = variable.Name,
                [Schema.ContextItem.Value] = variable.Value,
                [Schema.ContextItem.IsDisplayable] = true,
                [Schema.ContextItem.Conversation] = reference,
            },
            Piece.Call call => new Entity(Schema.VoiceContext.Table, Guid.NewGuid())
            {
                [Schema.VoiceContext.FromPhone] = call.Number,
                [Schema.VoiceContext.Conversation] = reference,
            },
            Piece.Text text => new Entity(Schema.SmsContext.Table, Guid.NewGuid())
            {
                [Schema.SmsContext.CustomerPhone] = text.Number,
                [Schema.SmsContext.CountryCode] = text.CountryCode,
                [Schema.SmsContext.Conversation] = reference,
            },
            Piece.SignIn signIn => new Entity(Schema.LiveChatContext.Table, Guid.NewGuid())
            {
                [Schema.LiveChatContext.PortalContactId] = records.TryGetValue(signIn.Record, out var record) ? record.Id.ToString() : signIn.Record,
                [Schema.LiveChatContext.IsAuthenticated] = signIn.Authenticated,
                [Schema.LiveChatContext.Conversation] = reference,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(piece), piece, "Unknown evidence."),
        };
    }

    /// <summary>The conversation after a replay: its links, what the agent sees, and the plug-in's own items.</summary>
    internal sealed class Result
    {
        public Result(Omnichannel org, Guid conversation, IReadOnlyDictionary<string, EntityReference> records)
        {
            Customer = org.CustomerOf(conversation);
            Case = org.CaseOf(conversation);
            Outcome = org.OutcomeOf(conversation);
            Code = org.CodeOf(conversation);
            OutcomeItems = org.Org.CreateQuery(Schema.ContextItem.Table)
                .Count(i => i.GetAttributeValue<EntityReference>(Schema.ContextItem.Conversation).Id == conversation
                    && (i.GetAttributeValue<string>(Schema.ContextItem.Name) == Schema.ContextItem.OutcomeName
                        || i.GetAttributeValue<string>(Schema.ContextItem.Name) == Schema.ContextItem.CodeName));
            Names = records.ToDictionary(r => r.Value.Id, r => r.Key);
            Failures = org.Org.Runs.Where(r => r.Exception != null).Select(r => r.Exception!.Message).ToList();
        }

        public EntityReference? Customer { get; }
        public EntityReference? Case { get; }
        public string? Outcome { get; }
        public string? Code { get; }

        /// <summary>Outcome and code items on the conversation: always exactly two.</summary>
        public int OutcomeItems { get; }

        public IReadOnlyList<string> Failures { get; }

        private Dictionary<Guid, string> Names { get; }

        /// <summary>The outcome without the correction history a run adds when it changes its own earlier link.</summary>
        public string? OutcomeWithoutCorrection => Outcome == null ? null : Outcome.Split(" Corrected: ")[0];

        public string? CodeWithoutCorrection => Code?.Replace(";corrected", string.Empty, StringComparison.Ordinal);

        /// <summary>The linked customer by the name the scenario gave it (ids differ between replays), or "none".</summary>
        public string CustomerName => Name(Customer);

        public string CaseName => Name(Case);

        public string Describe() =>
            "customer " + CustomerName + ", case " + CaseName + ", outcome \"" + Outcome + "\" [" + Code + "]";

        private string Name(EntityReference? link) => link == null ? "none" : Names.TryGetValue(link.Id, out var name) ? name : link.Id.ToString();
    }
}
