using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Microsoft.Xrm.Sdk.Tests.Conformance;

/// <summary>
/// Canonical text of a declaration, so a listing line and a rendered member compare as strings:
/// single spaces, none inside brackets or before commas, C# keywords for System types, T? for Nullable.
/// </summary>
internal static class Signature
{
    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["Boolean"] = "bool",
        ["Byte"] = "byte",
        ["SByte"] = "sbyte",
        ["Char"] = "char",
        ["Decimal"] = "decimal",
        ["Double"] = "double",
        ["Single"] = "float",
        ["Int16"] = "short",
        ["UInt16"] = "ushort",
        ["Int32"] = "int",
        ["UInt32"] = "uint",
        ["Int64"] = "long",
        ["UInt64"] = "ulong",
        ["Object"] = "object",
        ["String"] = "string",
        ["Void"] = "void",
    };

    private static readonly Regex KeywordTypes = new(
        @"\b(?:System\.)?(" + string.Join("|", Keywords.Keys) + @")\b", RegexOptions.CultureInvariant);

    private static readonly Regex NullableOf = new(@"\b(?:System\.)?Nullable<([^<>]+)>", RegexOptions.CultureInvariant);

    public static string Normalize(string text)
    {
        var s = Regex.Replace(text.Trim(), @"\s+", " ");
        s = Regex.Replace(s, @"([(\[<]) ", "$1");
        s = Regex.Replace(s, @" ([)\]>,])", "$1");
        s = Regex.Replace(s, @",(?=\S)", ", ");
        s = KeywordTypes.Replace(s, m => Keywords[m.Groups[1].Value]);
        string previous;
        do
        {
            previous = s;
            s = NullableOf.Replace(s, "$1?");
        }
        while (s != previous);

        return s;
    }

    /// <summary>Splits at commas that are not inside &lt;&gt;, () or [].</summary>
    public static IReadOnlyList<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<' or '(' or '[':
                    depth++;
                    break;
                case '>' or ')' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        var last = text[start..].Trim();
        if (last.Length > 0 || parts.Count > 0)
        {
            parts.Add(last);
        }

        return parts;
    }

    /// <summary>"Ns.DataCollection&lt;TKey, TValue&gt;" is keyed "Ns.DataCollection`2", as the CLR names it.</summary>
    public static string TypeKey(string fullName)
    {
        var open = fullName.IndexOf('<', StringComparison.Ordinal);
        if (open < 0)
        {
            return fullName;
        }

        var arity = SplitTopLevel(fullName[(open + 1)..fullName.LastIndexOf('>')]).Count;
        return fullName[..open] + "`" + arity;
    }

    /// <summary>
    /// What identifies a member regardless of the details compared: kind group, name and parameter types.
    /// Two lines with the same key and different text are "the same member, declared differently".
    /// </summary>
    public static string MemberKey(string line)
    {
        var kind = line.Split(' ')[0];
        switch (kind)
        {
            case "ctor":
            case "method":
                {
                    var open = line.IndexOf('(', StringComparison.Ordinal);
                    var close = MatchingClose(line, open);
                    var (name, arity) = NameBefore(line[..open]);
                    return $"{kind}:{name}`{arity}({ParameterTypes(line[(open + 1)..close])})";
                }

            case "indexer":
                {
                    var open = line.IndexOf("this[", StringComparison.Ordinal) + 4;
                    var close = MatchingClose(line, open);
                    return $"indexer:({ParameterTypes(line[(open + 1)..close])})";
                }

            case "property":
                return "member:" + NameBefore(line[..line.IndexOf(" {", StringComparison.Ordinal)]).Name;

            case "field":
            case "event":
                {
                    var end = line.IndexOf(" =", StringComparison.Ordinal);
                    return "member:" + NameBefore(end < 0 ? line : line[..end]).Name;
                }

            default:
                {
                    // Enum members: "Name = 3".
                    var end = line.IndexOf(" =", StringComparison.Ordinal);
                    return end < 0 ? line : "enum:" + line[..end];
                }
        }
    }

    private static string ParameterTypes(string parameterList) =>
        string.Join(",", SplitTopLevel(parameterList).Select(p =>
        {
            // 'params' and 'this' are attributes, not part of the CLR signature: with or without them, it is the same member.
            var withoutDefault = p.Split(" = ")[0];
            withoutDefault = withoutDefault.StartsWith("params ", StringComparison.Ordinal) ? withoutDefault["params ".Length..]
                : withoutDefault.StartsWith("this ", StringComparison.Ordinal) ? withoutDefault["this ".Length..]
                : withoutDefault;
            var lastSpace = withoutDefault.LastIndexOf(' ');
            return lastSpace < 0 ? withoutDefault : withoutDefault[..lastSpace];
        }));

    private static (string Name, int Arity) NameBefore(string prefix)
    {
        var arity = 0;
        var text = prefix.TrimEnd();
        if (text.EndsWith('>'))
        {
            var depth = 0;
            for (var i = text.Length - 1; i >= 0; i--)
            {
                depth += text[i] == '>' ? 1 : text[i] == '<' ? -1 : 0;
                if (depth == 0)
                {
                    arity = SplitTopLevel(text[(i + 1)..^1]).Count;
                    text = text[..i];
                    break;
                }
            }
        }

        return (text[(text.LastIndexOf(' ') + 1)..], arity);
    }

    private static int MatchingClose(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] is '(' or '[' or '<' ? 1 : text[i] is ')' or ']' or '>' ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        throw new FormatException($"Unbalanced brackets in '{text}'.");
    }
}
