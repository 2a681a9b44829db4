using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Identification.Plugins.Configuration;

/// <summary>
/// The FetchXML operators a visitor's value may be compared with (SPEC §5): <c>eq</c> and <c>in</c>, where the visitor
/// must know the whole value; a few more when a rule opts in with <c>placeholderOperators</c>; the negative ones never.
/// </summary>
public static class PlaceholderOperators
{
    /// <summary>What a rule's placeholders may use when it says nothing.</summary>
    public static IReadOnlyList<string> Default { get; } = new[] { "eq", "in" };

    /// <summary>What a rule may add: each lets a visitor reach a record while knowing less than its value.</summary>
    public static IReadOnlyList<string> OptIn { get; } = new[] { "gt", "ge", "lt", "le", "between", "like", "begins-with", "ends-with" };

    /// <summary>
    /// Refused even when listed. A negative condition is true of every record but those the value names, so it needs
    /// nothing the visitor knows, and a value that names a record only removes it from the matches.
    /// </summary>
    public static IReadOnlyList<string> Never { get; } = new[] { "ne", "neq", "not-in", "not-between", "not-like", "not-begin-with", "not-end-with" };

    /// <summary>Why <see cref="Never"/> operators are refused, for the messages.</summary>
    internal const string WhyNever = "a negative condition matches every record except the ones the value names, so whatever a visitor types passes it, "
        + "and typing a record's value only removes that record (a visitor narrows several matches down to the one they want)";

    /// <summary>Every operator a rule may list in <c>placeholderOperators</c>.</summary>
    public static IEnumerable<string> Listable => Default.Concat(OptIn);

    /// <summary>
    /// Operators whose value is a LIKE pattern: the visitor's <c>%</c>, <c>_</c> and <c>[</c> are escaped in it (see
    /// <see cref="EscapeWildcards"/>), so a placeholder's value only ever matches itself.
    /// </summary>
    public static bool TakesPattern(string op) => op == "like" || op == "begins-with" || op == "ends-with";

    /// <summary>
    /// The value with each LIKE wildcard in brackets (<c>[%]</c>, <c>[_]</c>, <c>[[]</c>), SQL Server's way of making it
    /// match itself, which Dataverse's like, begins-with and ends-with follow. A lone <c>]</c>, <c>^</c> or <c>-</c>
    /// outside brackets is already an ordinary character.
    /// </summary>
    public static string EscapeWildcards(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c == '%' || c == '_' || c == '[')
            {
                escaped.Append('[').Append(c).Append(']');
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>What opting in to <paramref name="op"/> costs, for the message that refuses it.</summary>
    internal static string Cost(string op) => op switch
    {
        "gt" or "ge" or "lt" or "le" or "between" => "a range lets a visitor pick a record without knowing its value (typing L-1048 against gt finds L-1049)",
        "begins-with" or "ends-with" => "it lets a visitor find a record from a part of its value",
        _ => "it compares a pattern (opted in, the visitor's %, _ and [ are escaped so that they match themselves)",
    };

    internal static string List(IEnumerable<string> operators) => string.Join(", ", operators);

    internal static bool Contains(IEnumerable<string> operators, string op) => operators.Contains(op, StringComparer.Ordinal);
}
