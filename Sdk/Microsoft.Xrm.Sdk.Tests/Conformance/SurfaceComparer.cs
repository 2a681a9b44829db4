using System;
using System.Collections.Generic;
using System.Linq;

namespace Microsoft.Xrm.Sdk.Tests.Conformance;

/// <summary>
/// Compares declared types with a listing of the real assembly. Differences: a declared type or member that the
/// listing lacks, or that it lists differently. Omissions: listed types and members that are not declared. The
/// listing holds the whole real assembly and a surface declares only what its users need, so omissions are allowed
/// and reported for the record; anything declared must be exactly as listed.
/// </summary>
internal static class SurfaceComparer
{
    public static SurfaceComparison Compare(IReadOnlyList<SurfaceType> listing, IEnumerable<Type> declaredTypes)
    {
        var differences = new List<string>();
        var omittedMembers = new List<string>();
        var listed = listing.ToDictionary(t => t.Key, StringComparer.Ordinal);
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
            CompareMembers(expected, declared, differences, omittedMembers);
        }

        var omittedTypes = listing.Where(t => !seen.Contains(t.Key)).Select(t => t.FullName).ToList();
        return new SurfaceComparison(differences, omittedTypes, omittedMembers);
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

    /// <summary>
    /// A declared line the listing lacks is a difference: "differs" when the listing has the same member (kind, name,
    /// parameter types) written otherwise, "not in the listing" when it has no such member. Listed lines with no
    /// declared counterpart are omissions.
    /// </summary>
    private static void CompareMembers(SurfaceType expected, SurfaceType declared, List<string> differences, List<string> omissions)
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

        omissions.AddRange(expected.Members
            .Where(l => !declaredLines.Contains(l) && !matchedKeys.Contains(Signature.MemberKey(l)))
            .Select(l => $"{expected.FullName}: '{l}'"));
    }
}

/// <summary>
/// What a comparison found: differences fail conformance; the listed types and the listed members of declared types
/// that the surface leaves out are allowed, and listed for the record.
/// </summary>
internal sealed record SurfaceComparison(
    IReadOnlyList<string> Differences, IReadOnlyList<string> OmittedTypes, IReadOnlyList<string> OmittedMembers);
