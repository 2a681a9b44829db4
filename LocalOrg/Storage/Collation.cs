using System;
using System.Buffers;
using System.Globalization;
using System.Text;

namespace Identification.LocalOrg;

/// <summary>
/// String comparison as Dataverse's default SQL collation (Latin1_General_CI_AI) does it: case- and
/// accent-insensitive, trailing spaces ignored. Folding maps a string to a canonical form under that rule.
/// </summary>
internal static class Collation
{
    /// <summary>The canonical form: trailing spaces trimmed, diacritics removed, upper-cased (invariant).</summary>
    public static string Fold(string value)
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

    public static bool AreEqual(string? left, string? right)
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
    public static string FoldKeepingTrailingSpaces(string value)
    {
        var end = TrimmedLength(value);
        return Fold(value) + value[end..];
    }

    public static int Compare(string left, string right) =>
        string.CompareOrdinal(Fold(left), Fold(right));

    /// <summary>A hash of the folded form, computed without allocating for ASCII strings.</summary>
    public static int GetHashCode(string value)
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

    private static string FoldNonAscii(ReadOnlySpan<char> value)
    {
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
