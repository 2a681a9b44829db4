using System.Globalization;
using System.Text;

namespace Identification.Plugins.Identification;

/// <summary>
/// Text compared as Dataverse's default collation compares it (Latin1_General_CI_AI): case and accents ignored, trailing
/// spaces ignored. Used only where a record already read must be checked against the inputs (a signed-in customer, a
/// case's customer); every search is a query, so Dataverse itself compares.
/// </summary>
internal static class DataverseText
{
    public static bool Same(string? a, string? b) => a != null && b != null && string.Equals(Fold(a), Fold(b), System.StringComparison.Ordinal);

    private static string Fold(string text)
    {
        var decomposed = text.TrimEnd(' ').Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().ToUpperInvariant();
    }
}
