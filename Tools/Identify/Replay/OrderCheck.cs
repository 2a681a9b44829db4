using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Identification.Identify.Conversations;

namespace Identification.Identify.Replay;

/// <summary>
/// <c>--orders all</c>: a conversation's late evidence replayed in every other order, each order as a conversation of
/// its own, and the orders whose links differ from the file order's (SPEC §3.8 says there must be none).
/// </summary>
internal sealed record OrderCheck(int Orders, IReadOnlyList<string> Differing, int ExpectationsNotMet)
{
    /// <summary>Orders replayed per conversation at most (all of them up to five late pieces: 5! = 120).</summary>
    public const int MaximumOrders = 120;

    /// <summary>Replays every other order of <paramref name="conversation"/>'s late evidence after <paramref name="fileOrder"/> was replayed.</summary>
    public static OrderCheck? Run(ReplaySession session, ConversationInput conversation, ReplayResult fileOrder)
    {
        var late = ReplaySession.LateEvidence(conversation);
        if (late.Count < 2)
        {
            return null;
        }

        var differing = new List<string>();
        var orders = 1;
        var notMet = 0;
        foreach (var order in Permutations(Enumerable.Range(0, late.Count).ToList()).Skip(1).Take(MaximumOrders - 1))
        {
            orders++;
            var copy = conversation with { Id = IdFor(conversation.Id, order) };
            var result = session.Replay(copy, order);
            if (result.MeetsExpectation == false)
            {
                notMet++;
            }

            if (result.Customer != fileOrder.Customer || result.Case?.Id != fileOrder.Case?.Id)
            {
                differing.Add(string.Join(", ", order.Select(i => late[i])) + " ends with customer " + Show(result.Customer) + ", case " + Show(result.Case));
            }
        }

        return new OrderCheck(orders, differing, notMet);
    }

    private static string Show(RecordLink? link) => link is null ? "none" : $"{link.LogicalName} {link.Id}";

    /// <summary>The same conversation and order always get the same id.</summary>
    private static Guid IdFor(Guid conversation, IReadOnlyList<int> order)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("identify order " + conversation.ToString("D") + " " + string.Join(",", order)));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Permutations in lexicographic order, the identity first.</summary>
    private static IEnumerable<IReadOnlyList<int>> Permutations(List<int> items)
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
