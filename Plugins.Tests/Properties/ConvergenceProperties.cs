using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Tests.Support;
using Xunit;

namespace Identification.Plugins.Tests.Properties;

/// <summary>
/// SPEC §3.8, proven over every arrival order: for each evidence set, every split between "present when the
/// conversation is created" and "arrives later", every order of the late pieces, and jobs run as each arrives, oldest
/// first, newest first, shuffled, or all at once with their service calls interleaved, the conversation ends with the
/// links, outcome and code that one identification over all of the evidence gives, with exactly one outcome item;
/// and the same when evidence keeps arriving while jobs run, their calls interleaved with the arrivals.
/// </summary>
public class ConvergenceProperties
{
    private static readonly JobTiming[] Timings = Enum.GetValues<JobTiming>();

    /// <summary>Evidence arriving while jobs run has the most interleavings: more seeds of it per order.</summary>
    private const int ExtraWhileJobsRunSeeds = 8;

    public static TheoryData<string> ScenarioNames => new(EvidenceSets.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Every_arrival_order_ends_as_one_identification_over_all_the_evidence(string name)
    {
        var scenario = EvidenceSets.Named(name);
        var expected = scenario.OneShot();
        Assert.Empty(expected.Failures);

        var failures = new List<string>();
        var replays = 0;
        foreach (var (present, late) in Splits(scenario.Evidence))
        {
            foreach (var order in Orders(late))
            {
                foreach (var timing in Timings.Concat(Enumerable.Repeat(JobTiming.WhileJobsRun, ExtraWhileJobsRunSeeds)))
                {
                    var seed = replays++;
                    var result = scenario.Replay(present, order, timing, seed);
                    var problem = Compare(expected, result);
                    if (problem != null)
                    {
                        failures.Add("present [" + string.Join(", ", present) + "], late [" + string.Join(", ", order) + "], jobs " + timing
                            + " (seed " + seed + "): " + problem);
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, failures.Count + " of " + replays + " replays differ from one identification over all the evidence ("
            + expected.Describe() + "):\n" + string.Join("\n", failures.Take(10)));
    }

    private static string? Compare(EvidenceScenario.Result expected, EvidenceScenario.Result actual)
    {
        if (actual.Failures.Count > 0)
        {
            return "a run failed: " + actual.Failures[0];
        }

        if (actual.OutcomeItems != 2)
        {
            return actual.OutcomeItems + " outcome and code items instead of 2";
        }

        return actual.CustomerName != expected.CustomerName || actual.CaseName != expected.CaseName
            || actual.OutcomeWithoutCorrection != expected.Outcome || actual.CodeWithoutCorrection != expected.Code
            ? "ends with " + actual.Describe()
            : null;
    }

    /// <summary>Every way to have some evidence at creation and the rest later (a changed value only with, or after, its variable).</summary>
    private static IEnumerable<(IReadOnlyList<Piece> Present, IReadOnlyList<Piece> Late)> Splits(IReadOnlyList<Piece> evidence)
    {
        for (var mask = 0; mask < 1 << evidence.Count; mask++)
        {
            var present = evidence.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            if (present.OfType<Piece.Changed>().All(c => present.OfType<Piece.Variable>().Any(v => v.Name == c.Name)))
            {
                yield return (present, evidence.Where((_, i) => (mask & (1 << i)) == 0).ToList());
            }
        }
    }

    /// <summary>Every order of the late pieces in which a changed value comes after its variable.</summary>
    private static IEnumerable<IReadOnlyList<Piece>> Orders(IReadOnlyList<Piece> late) =>
        Permutations(late).Where(order => order.Select((piece, i) => (piece, i)).All(p => p.piece is not Piece.Changed changed
            || order.Take(p.i).OfType<Piece.Variable>().Any(v => v.Name == changed.Name)
            || !late.OfType<Piece.Variable>().Any(v => v.Name == changed.Name)));

    private static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                yield return new[] { items[i] }.Concat(tail).ToList();
            }
        }
    }
}
