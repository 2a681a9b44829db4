using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Runtime.Serialization;
using System.Text.RegularExpressions;

namespace Microsoft.Xrm.Sdk.Tests.Conformance;

/// <summary>
/// Compares declared types with a listing. Differences: a type or member the listing lacks, a type or member
/// declared differently, a listed type not declared, a listed member left out although every type it
/// references is known. Left-out members that reference unknown types are allowed and reported as omissions.
/// </summary>
internal static class SurfaceComparer
{
    // Where the types a listing line may name come from, besides the listing itself.
    private static readonly string[] SystemNamespaces =
    {
        "System", "System.Collections", "System.Collections.Generic", "System.Collections.ObjectModel",
        "System.Runtime.Serialization",
    };

    private static readonly SearchValues<char> ArityStart = SearchValues.Create("`<");

    private static readonly Lazy<HashSet<string>> SystemTypeNames = new(() =>
        new[] { typeof(object), typeof(Uri), typeof(Collection<>), typeof(IExtensibleDataObject), typeof(Lazy<>) }
            .Select(t => t.Assembly)
            .Distinct()
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => SystemNamespaces.Contains(t.Namespace))
            .Select(t => StripArity(t.Name))
            .Concat(Signature.KeywordsBySystemName.Values)
            .ToHashSet(StringComparer.Ordinal));

    public static SurfaceComparison Compare(IReadOnlyList<SurfaceType> listing, IEnumerable<Type> declaredTypes)
    {
        var differences = new List<string>();
        var omissions = new List<string>();
        var listed = listing.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var known = listing.Select(t => StripArity(t.FullName))
            .Select(n => n[(n.LastIndexOf('.') + 1)..])
            .Concat(SystemTypeNames.Value)
            .ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var declared in declaredTypes.Select(SurfaceRenderer.Render).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            seen.Add(declared.Key);
            if (!listed.TryGetValue(declared.Key, out var expected))
            {
                differences.Add($"{declared.FullName}: type not in the listing: '{declared.Header}'");
                continue;
            }

            CompareHeaders(expected, declared, differences);
            CompareMembers(expected, declared, known, differences, omissions);
        }

        foreach (var missing in listing.Where(t => !seen.Contains(t.Key)))
        {
            differences.Add($"{missing.FullName}: listed type not declared: '{missing.Header}'");
        }

        return new SurfaceComparison(differences, omissions);
    }

    private static void CompareHeaders(SurfaceType expected, SurfaceType declared, List<string> differences)
    {
        if (expected.Kind != declared.Kind)
        {
            differences.Add($"{declared.FullName}: kind differs: listed {expected.Kind}, declared {declared.Kind}");
        }

        if (expected.FullName != declared.FullName)
        {
            differences.Add($"{declared.FullName}: generic parameters differ: listed {expected.FullName}");
        }

        if (expected.Constraints != declared.Constraints)
        {
            differences.Add($"{declared.FullName}: generic constraints differ: listed '{expected.Constraints}', declared '{declared.Constraints}'");
        }

        if (!expected.BaseTypes.SetEquals(declared.BaseTypes))
        {
            differences.Add(
                $"{declared.FullName}: base type and interfaces differ: listed [{string.Join(", ", expected.BaseTypes)}], declared [{string.Join(", ", declared.BaseTypes)}]");
        }

        if (!expected.Modifiers.SetEquals(declared.Modifiers))
        {
            differences.Add(
                $"{declared.FullName}: modifiers differ: listed [{string.Join(", ", expected.Modifiers)}], declared [{string.Join(", ", declared.Modifiers)}]");
        }
    }

    private static void CompareMembers(
        SurfaceType expected, SurfaceType declared, HashSet<string> known, List<string> differences, List<string> omissions)
    {
        var listedLines = expected.Members.ToHashSet(StringComparer.Ordinal);
        var declaredLines = declared.Members.ToHashSet(StringComparer.Ordinal);
        var listedByKey = expected.Members.ToLookup(Signature.MemberKey, StringComparer.Ordinal);
        var matchedKeys = new HashSet<string>(StringComparer.Ordinal);

        foreach (var line in declared.Members.Where(l => !listedLines.Contains(l)))
        {
            var key = Signature.MemberKey(line);
            var counterparts = listedByKey[key].Where(l => !declaredLines.Contains(l)).ToList();
            if (counterparts.Count > 0)
            {
                matchedKeys.Add(key);
                differences.Add($"{declared.FullName}: member differs: listed '{string.Join("' or '", counterparts)}', declared '{line}'");
            }
            else
            {
                differences.Add($"{declared.FullName}: member not in the listing: '{line}'");
            }
        }

        foreach (var line in expected.Members.Where(l => !declaredLines.Contains(l) && !matchedKeys.Contains(Signature.MemberKey(l))))
        {
            var unknown = UnknownTypeNames(line, known);
            if (unknown.Count > 0)
            {
                omissions.Add($"{expected.FullName}: '{line}' (references {string.Join(", ", unknown)})");
            }
            else
            {
                differences.Add($"{expected.FullName}: listed member not declared: '{line}'");
            }
        }
    }

    /// <summary>Capitalised names in a member line that are not its own name, a generic parameter or a known type.</summary>
    private static List<string> UnknownTypeNames(string line, HashSet<string> known)
    {
        if (!Regex.IsMatch(line, "^(ctor|method|property|indexer|field|event) "))
        {
            return new List<string>();
        }

        var tokens = Regex.Matches(line, @"\b[A-Z][A-Za-z0-9_]*\b").Select(m => m.Value).ToList();

        // The declared name is not a type reference; its type may share the name (ConcurrencyBehavior ConcurrencyBehavior).
        tokens.Remove(Signature.MemberName(line));
        return tokens
            .Where(token => !known.Contains(token) && !Regex.IsMatch(token, "^T([A-Z][A-Za-z0-9]*)?$"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static string StripArity(string name)
    {
        var cut = name.IndexOfAny(ArityStart);
        return cut < 0 ? name : name[..cut];
    }
}

/// <summary>What a comparison found: differences fail conformance; omissions are allowed and listed for the record.</summary>
internal sealed record SurfaceComparison(IReadOnlyList<string> Differences, IReadOnlyList<string> Omissions);
