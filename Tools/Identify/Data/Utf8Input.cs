using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Identification.Identify.Data;

/// <summary>
/// Checks on the bytes of input files, done before any of them becomes a string: System.Text.Json turns invalid
/// UTF-8 and an unpaired surrogate escape (<c>"\ud800"</c>) into InvalidOperationException only when a value is
/// read, far from the line it came from.
/// </summary>
internal static class Utf8Input
{
    /// <summary>
    /// The length of a UTF-8 byte order mark at the start of a file (3), or 0; a UTF-16 or UTF-32 mark is refused,
    /// since every input file is UTF-8. <paramref name="start"/> holds the first bytes of the file (up to 4).
    /// </summary>
    public static int ByteOrderMarkLength(ReadOnlySpan<byte> start, string fileName)
    {
        if (start.StartsWith("\uFEFF"u8))
        {
            return 3;
        }

        if (start.StartsWith(stackalloc byte[] { 0xFF, 0xFE }) || start.StartsWith(stackalloc byte[] { 0xFE, 0xFF })
            || start.StartsWith(stackalloc byte[] { 0, 0, 0xFE, 0xFF }))
        {
            throw new InputFileException(fileName, 1, "the file is UTF-16 or UTF-32 (it starts with that byte order mark); save it as UTF-8");
        }

        return 0;
    }

    /// <summary>The index of the first byte that is not part of valid UTF-8, or -1.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        var index = 0;
        while (Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed) == OperationStatus.Done)
        {
            index += consumed;
        }

        return index;
    }

    /// <summary>What to say about the invalid byte at <paramref name="index"/>.</summary>
    public static string InvalidUtf8(ReadOnlySpan<byte> bytes, int index) =>
        $"not valid UTF-8 (byte 0x{bytes[index].ToString("X2", CultureInfo.InvariantCulture)}); save the file as UTF-8";

    /// <summary>What to say about the unpaired surrogate escape at <paramref name="index"/>.</summary>
    public static string UnpairedSurrogateEscape(ReadOnlySpan<byte> json, int index) =>
        $"the escape {Encoding.ASCII.GetString(json.Slice(index, 6))} is half of a surrogate pair without the other half; write the character itself";

    /// <summary>
    /// The index of the first <c>\uXXXX</c> escape in <paramref name="json"/> that is half of a surrogate pair without
    /// the other half, or -1. Backslashes only occur inside strings in well-formed JSON; what else a backslash
    /// starts is the JSON reader's to refuse.
    /// </summary>
    public static int FirstUnpairedSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var index = json.IndexOf((byte)'\\');
        while (index >= 0)
        {
            var escapeLength = 2;
            if (TryReadUnicodeEscape(json, index, out var unit))
            {
                escapeLength = 6;
                if (char.IsHighSurrogate(unit))
                {
                    if (!TryReadUnicodeEscape(json, index + 6, out var low) || !char.IsLowSurrogate(low))
                    {
                        return index;
                    }

                    escapeLength = 12;
                }
                else if (char.IsLowSurrogate(unit))
                {
                    return index;
                }
            }

            var next = index + escapeLength >= json.Length ? -1 : json[(index + escapeLength)..].IndexOf((byte)'\\');
            index = next < 0 ? -1 : index + escapeLength + next;
        }

        return -1;
    }

    private static bool TryReadUnicodeEscape(ReadOnlySpan<byte> json, int at, out char unit)
    {
        unit = '\0';
        if (at + 6 > json.Length || json[at] != '\\' || json[at + 1] != 'u'
            || !ushort.TryParse(json.Slice(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        return true;
    }
}
