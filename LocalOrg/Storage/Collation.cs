using System;
using System.Buffers;
using System.Globalization;
using System.Text;

namespace Identification.LocalOrg;

/// <summary>
/// String comparison as Dataverse's SQL collation does it: case-insensitive, trailing spaces ignored, and
/// accent-insensitive (Latin1_General_CI_AI, the default) or accent-sensitive (the _CI_AS collations of environments
/// in e.g. Finnish, Romanian, Croatian, Slovak, Thai, Indonesian, Ukrainian, Slovenian, Estonian, Latvian). Folding
/// maps a string to a canonical form under the rule.
/// </summary>
internal sealed class Collation
{
    public static readonly Collation AccentInsensitive = new(accentSensitive: false);

    public static readonly Collation AccentSensitive = new(accentSensitive: true);

    private readonly bool accentSensitive;

    private Collation(bool accentSensitive)
    {
        this.accentSensitive = accentSensitive;
        Keys = new KeyComparer(this);
    }

    /// <summary>Equality of value keys under this collation (strings folded, other keys as they are).</summary>
    public KeyComparer Keys { get; }

    public static Collation For(CollationMode mode) => mode == CollationMode.AccentSensitive ? AccentSensitive : AccentInsensitive;

    /// <summary>The canonical form: trailing spaces trimmed, upper-cased (invariant), diacritics removed unless accent-sensitive.</summary>
    public string Fold(string value)
    {
        var end = TrimmedLength(value);
        var needsWork = end != value.Length;
        for (var i = 0; i < end; i++)
        {
            var c = value[i];
            if (c >= 128)
            {
                return FoldNonAscii(value.AsSpan(0, end));
            }

            needsWork |= c is >= 'a' and <= 'z';
        }

        if (!needsWork)
        {
            return value;
        }

        return string.Create(end, value, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = ToUpperAscii(source[i]);
            }
        });
    }

    public bool AreEqual(string? left, string? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null)
        {
            return false;
        }

        if (IsAscii(left) && IsAscii(right))
        {
            var length = TrimmedLength(left);
            if (length != TrimmedLength(right))
            {
                return false;
            }

            for (var i = 0; i < length; i++)
            {
                if (ToUpperAscii(left[i]) != ToUpperAscii(right[i]))
                {
                    return false;
                }
            }

            return true;
        }

        return string.Equals(Fold(left), Fold(right), StringComparison.Ordinal);
    }

    /// <summary>Folds case and accents but keeps trailing spaces: a LIKE pattern's trailing spaces are significant.</summary>
    public string FoldKeepingTrailingSpaces(string value)
    {
        var end = TrimmedLength(value);
        return Fold(value) + value[end..];
    }

    public int Compare(string left, string right) =>
        string.CompareOrdinal(Fold(left), Fold(right));

    /// <summary>A hash of the folded form, computed without allocating for ASCII strings.</summary>
    public int GetHashCode(string value)
    {
        if (!IsAscii(value))
        {
            return string.GetHashCode(Fold(value).AsSpan());
        }

        var length = TrimmedLength(value);
        char[]? rented = null;
        var buffer = length <= 256 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        for (var i = 0; i < length; i++)
        {
            buffer[i] = ToUpperAscii(value[i]);
        }

        var hash = string.GetHashCode(buffer);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return hash;
    }

    private string FoldNonAscii(ReadOnlySpan<char> value)
    {
        if (accentSensitive)
        {
            return value.ToString().Normalize(NormalizationForm.FormC).ToUpperInvariant();
        }

        var decomposed = value.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    // SQL Server ignores trailing blanks (U+0020 only) when comparing strings for equality.
    private static int TrimmedLength(string value)
    {
        var end = value.Length;
        while (end > 0 && value[end - 1] == ' ')
        {
            end--;
        }

        return end;
    }

    private static bool IsAscii(string value)
    {
        foreach (var c in value)
        {
            if (c >= 128)
            {
                return false;
            }
        }

        return true;
    }

    private static char ToUpperAscii(char c) => c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
}

/// <summary>How an organization compares strings: Dataverse's default is accent-insensitive (Latin1_General_CI_AI).</summary>
public enum CollationMode
{
    /// <summary>_CI_AI: case- and accent-insensitive ("Jose" equals "José"), the default.</summary>
    AccentInsensitive,

    /// <summary>_CI_AS: case-insensitive but accent-sensitive ("Jose" differs from "José").</summary>
    AccentSensitive,
}
