using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk.Tests.Conformance;

/// <summary>
/// One type of a surface in canonical form: from a listing (<see cref="SurfaceListing"/>) or rendered from
/// a compiled type (<see cref="SurfaceRenderer"/>), so the two compare field by field.
/// </summary>
/// <param name="Kind">class, interface, enum, struct or delegate.</param>
/// <param name="FullName">Namespace and name with generic parameters: Microsoft.Xrm.Sdk.DataCollection&lt;T&gt;.</param>
/// <param name="BaseTypes">The base class (unless object) and the interfaces the type itself declares.</param>
/// <param name="Modifiers">sealed, abstract.</param>
/// <param name="Constraints">Generic constraints of the type's own parameters ("where T : class"), or empty.</param>
/// <param name="Members">Canonical member lines (<see cref="Signature.Normalize"/>).</param>
internal sealed record SurfaceType(
    string Kind,
    string FullName,
    IReadOnlySet<string> BaseTypes,
    IReadOnlySet<string> Modifiers,
    string Constraints,
    IReadOnlyList<string> Members)
{
    public string Key => Signature.TypeKey(FullName);

    public string Header =>
        $"{Kind} {FullName}"
        + (BaseTypes.Count > 0 ? " : " + string.Join(", ", BaseTypes) : string.Empty)
        + (Constraints.Length > 0 ? " " + Constraints : string.Empty)
        + (Modifiers.Count > 0 ? " [" + string.Join(", ", Modifiers) + "]" : string.Empty);
}
