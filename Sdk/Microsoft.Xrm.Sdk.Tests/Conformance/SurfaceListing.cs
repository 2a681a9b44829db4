using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Microsoft.Xrm.Sdk.Tests.Conformance;

/// <summary>
/// Reads a surface listing: '#' comments, a header per type ("class Ns.Name&lt;T&gt; : Base, IFace where T : class   [sealed]"),
/// then that type's members, indented. Blank lines separate types.
/// </summary>
internal static class SurfaceListing
{
    private static readonly Regex Header = new(
        @"^(?<kind>class|interface|enum|struct|delegate)\s+(?<rest>.*?)\s*(\[(?<mods>[^\]]*)\])?\s*$",
        RegexOptions.CultureInvariant);

    public static IReadOnlyList<SurfaceType> Parse(string text)
    {
        var types = new List<SurfaceType>();
        string kind = null!, name = null!, constraints = null!;
        HashSet<string> bases = null!, modifiers = null!;
        List<string> members = null!;

        void Flush()
        {
            if (members != null)
            {
                types.Add(new SurfaceType(kind, name, bases, modifiers, constraints, members));
            }
        }

        using var reader = new StringReader(text);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]))
            {
                if (members == null)
                {
                    throw new FormatException($"Line {lineNumber}: a member before any type: '{line}'.");
                }

                members.Add(Signature.Normalize(line));
                continue;
            }

            var match = Header.Match(line);
            if (!match.Success)
            {
                throw new FormatException($"Line {lineNumber}: not a type header: '{line}'.");
            }

            Flush();
            kind = match.Groups["kind"].Value;
            var rest = match.Groups["rest"].Value;
            var where = rest.IndexOf(" where ", StringComparison.Ordinal);
            constraints = where < 0 ? string.Empty : Signature.Normalize(rest[(where + 1)..]);
            rest = where < 0 ? rest : rest[..where];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            name = Signature.Normalize(colon < 0 ? rest : rest[..colon]);
            bases = colon < 0
                ? new HashSet<string>()
                : Signature.SplitTopLevel(Signature.Normalize(rest[(colon + 1)..])).ToHashSet(StringComparer.Ordinal);
            modifiers = match.Groups["mods"].Value
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToHashSet(StringComparer.Ordinal);
            members = new List<string>();
        }

        Flush();
        return types;
    }
}
