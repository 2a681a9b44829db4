using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Identification.Identify.Conversations;
using Identification.Plugins.Outcome;

namespace Identification.Identify.Replay;

/// <summary>Counts what a replay produced and prints the summary that goes to stderr.</summary>
internal sealed class ReplaySummary
{
    private const int MismatchesShown = 10;

    /// <summary>The codes the plug-in writes, in the order the summary lists them (with ";corrected" counted apart).</summary>
    public static readonly IReadOnlyList<string> Codes =
    [
        OutcomeCode.Linked + ":verified", OutcomeCode.Linked + ":identifier", OutcomeCode.Linked + ":name", OutcomeCode.Linked + ":case",
        OutcomeCode.NotTrusted, OutcomeCode.Several, OutcomeCode.None, OutcomeCode.Skipped, OutcomeCode.Error,
    ];

    /// <summary>What a conversation that ended without a code item (a create failed, or no run wrote one) is counted as.</summary>
    public const string NoCode = "(no code)";

    private readonly Dictionary<Classification, int> _counts = new()
    {
        [Classification.Linked] = 0,
        [Classification.Several] = 0,
        [Classification.None] = 0,
        [Classification.Error] = 0,
    };

    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
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

    /// <summary>Conversations whose last code is <paramref name="code"/> (without ";corrected"; <see cref="NoCode"/> for none).</summary>
    public int CodeCount(string code) => _codes.TryGetValue(code, out var count) ? count : 0;

    /// <summary>Conversations whose last code ends in ";corrected": the plug-in replaced or removed a link it had made earlier.</summary>
    public int Corrected { get; private set; }

    /// <summary>Conversations whose last code is one of the linked codes.</summary>
    public int Identified => _codes.Where(c => OutcomeCode.Is(c.Key, OutcomeCode.Linked)).Sum(c => c.Value);

    /// <summary>Adds one conversation's result.</summary>
    public void Add(ReplayResult result)
    {
        Conversations++;
        _counts[result.Classification]++;
        var code = result.Code is { } written ? written.Split(';')[0] : NoCode;
        _codes[code] = CodeCount(code) + 1;
        if (result.Code?.EndsWith(OutcomeCode.CorrectedSuffix, StringComparison.Ordinal) == true)
        {
            Corrected++;
        }
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
            PrintCodes(error);
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

    /// <summary>The plug-in's own view: how many conversations end with each code, and the identification rate by code.</summary>
    private void PrintCodes(TextWriter error)
    {
        var c = CultureInfo.InvariantCulture;
        double Share(int count) => 100.0 * count / Conversations;
        error.WriteLine(string.Format(c, "By outcome code (the \"Customer identification code\" each conversation ends with; share of the {0:N0}):", Conversations));
        var others = _codes.Keys.Where(k => !Codes.Contains(k) && k != NoCode).Order(StringComparer.Ordinal);
        foreach (var code in Codes.Concat(others).Concat(CodeCount(NoCode) > 0 ? [NoCode] : []))
        {
            error.WriteLine(string.Format(c, "  {0,-18}{1,7:N0}  {2,5:N1} %", code, CodeCount(code), Share(CodeCount(code))));
        }

        error.WriteLine(string.Format(c, "  {0,-18}{1,7:N0}  {2,5:N1} %  (also counted above: the code says the plug-in replaced or removed a link it had made earlier)",
            "corrected", Corrected, Share(Corrected)));
        var byKind = Codes.Where(code => OutcomeCode.Is(code, OutcomeCode.Linked))
            .Select(code => string.Format(c, "{0} {1:N1} %", code.Substring(OutcomeCode.Linked.Length + 1), Share(CodeCount(code))));
        error.WriteLine(string.Format(c, "Identification rate: {0:N1} % ({1:N0} of {2:N0} end linked; {3}).", Share(Identified), Identified, Conversations, string.Join(", ", byKind)));
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
