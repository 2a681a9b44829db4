using System;
using Identification.Plugins.Configuration;
using Identification.Plugins.Identification;

namespace Identification.Plugins.Outcome;

/// <summary>
/// The machine-readable outcome in the non-displayable "Customer identification code" variable, for reports: the kind
/// of outcome (a link with how it was made: linked:verified, linked:identifier, linked:name, linked:case), then
/// ";corrected" when the run changed a link the plug-in had made earlier. No personal data.
/// </summary>
public static class OutcomeCode
{
    public const string Linked = "linked";
    public const string NotTrusted = "untrusted";
    public const string Several = "several";
    public const string None = "none";
    public const string Skipped = "skipped";
    public const string Error = "error";

    /// <summary>Appended when the run replaced or removed a link the plug-in had made on less evidence.</summary>
    public const string CorrectedSuffix = ";corrected";

    /// <summary>The code of a decision: for a link, how the customer (or, alone, the case) was identified.</summary>
    public static string Of(Decision decision) => decision.Status switch
    {
        OutcomeStatus.Linked => Linked + ":" + (decision.Customer == null ? "case" : decision.CustomerBasis switch
        {
            CustomerBasis.SignedIn => "verified",
            CustomerBasis.CaseOwner => "case",
            _ => decision.CustomerTrust == Trust.Name ? "name" : "identifier",
        }),
        OutcomeStatus.NotTrusted => NotTrusted,
        OutcomeStatus.SeveralFound => Several,
        OutcomeStatus.NoneFound => None,
        OutcomeStatus.Skipped => Skipped,
        _ => Error,
    };

    /// <summary>Whether a code written by the plug-in is of this kind ("linked;corrected" is <see cref="Linked"/>).</summary>
    public static bool Is(string? code, string kind) =>
        code != null && code.StartsWith(kind, StringComparison.Ordinal) && (code.Length == kind.Length || code[kind.Length] == ';' || code[kind.Length] == ':');
}
