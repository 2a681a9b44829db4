using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Identification.Identify.Conversations;

namespace Identification.Identify.Replay;

/// <summary>Counts what a replay produced and prints the summary that goes to stderr.</summary>
internal sealed class ReplaySummary
{
    private const int MismatchesShown = 10;

    private readonly Dictionary<Classification, int> _counts = new()
    {
        [Classification.Linked] = 0,
        [Classification.Several] = 0,
        [Classification.None] = 0,
        [Classification.Error] = 0,
    };

    private readonly List<string> _mismatches = new();
    private readonly List<string> _orderDependent = new();
    private int _orderChecked;
    private long _ordersReplayed;
    private int _orderExpectationsNotMet;
    private long _queries;
    private long _writes;
    private int _maxQueries;
    private int _expectationsMet;
    private int _expectationsChecked;

    public int Conversations { get; private set; }

    public int Count(Classification classification) => _counts[classification];

    public int ExpectationsNotMet => _expectationsChecked - _expectationsMet;

    /// <summary>Adds one conversation's result.</summary>
    public void Add(ReplayResult result)
    {
        Conversations++;
        _counts[result.Classification]++;
        _queries += result.Queries;
        _writes += result.Writes;
        _maxQueries = Math.Max(_maxQueries, result.Queries);
        if (result.Orders is { } orders)
        {
            _orderChecked++;
            _ordersReplayed += orders.Orders;
            _orderExpectationsNotMet += orders.ExpectationsNotMet;
            _orderDependent.AddRange(orders.Differing.Take(1).Select(d => $"line {result.Conversation.Line}: {d}"));
        }

        if (result.MeetsExpectation is { } met)
        {
            _expectationsChecked++;
            if (met)
            {
                _expectationsMet++;
            }
            else
            {
                _mismatches.Add(Describe(result));
            }
        }
    }

    /// <summary>Writes the summary; <paramref name="elapsed"/> covers the replay, not the loading.</summary>
    public void Print(TextWriter error, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var perSecond = elapsed.TotalSeconds > 0 ? Conversations / elapsed.TotalSeconds : 0;
        error.WriteLine(string.Format(c, "Replayed {0:N0} conversations in {1:N2} s ({2:N1} conversations/s).", Conversations, elapsed.TotalSeconds, perSecond));
        error.WriteLine(string.Format(c, "  linked  {0,7:N0}  (a customer or case link was added)", Count(Classification.Linked)));
        error.WriteLine(string.Format(c, "  several {0,7:N0}  (nothing added; several records matched)", Count(Classification.Several)));
        error.WriteLine(string.Format(c, "  none    {0,7:N0}  (nothing added; no match, no input, or already linked)", Count(Classification.None)));
        error.WriteLine(string.Format(c, "  errors  {0,7:N0}  (create failed, plug-in threw, or outcome reports an error)", Count(Classification.Error)));
        if (Conversations > 0)
        {
            error.WriteLine(string.Format(c, "Queries per conversation: {0:N2} on average, {1} at most; writes per conversation: {2:N2} on average.",
                (double)_queries / Conversations, _maxQueries, (double)_writes / Conversations));
        }

        if (_orderChecked > 0)
        {
            error.WriteLine(string.Format(c, "Late evidence in every order: {0:N0} conversations, {1:N0} orders; {2:N0} end differently depending on the order, {3:N0} orders miss their expectation.",
                _orderChecked, _ordersReplayed, _orderDependent.Count, _orderExpectationsNotMet));
            foreach (var dependent in _orderDependent.Take(MismatchesShown))
            {
                error.WriteLine("  " + dependent);
            }
        }

        if (_expectationsChecked > 0)
        {
            error.WriteLine(string.Format(c, "Expectations in the conversations file: {0:N0} met, {1:N0} not met.", _expectationsMet, ExpectationsNotMet));
            foreach (var mismatch in _mismatches.GetRange(0, Math.Min(MismatchesShown, _mismatches.Count)))
            {
                error.WriteLine("  " + mismatch);
            }

            if (_mismatches.Count > MismatchesShown)
            {
                error.WriteLine(string.Format(c, "  ... and {0:N0} more.", _mismatches.Count - MismatchesShown));
            }
        }
    }

    private static string Describe(ReplayResult result)
    {
        var expect = result.Conversation.Expect!;
        var label = result.Conversation.Scenario is { } scenario ? $" ({scenario})" : string.Empty;
        return $"line {result.Conversation.Line}{label}: expected customer {Show(expect.Customer)}, case {Show(expect.Case)}; "
            + $"got customer {Show(result.Customer)}, case {Show(result.Case)}. Outcome: {result.Outcome ?? "(none)"}";
    }

    private static string Show(RecordLink? link) => link is null ? "none" : $"{link.LogicalName} {link.Id}";
}
