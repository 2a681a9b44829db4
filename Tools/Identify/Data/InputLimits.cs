namespace Identification.Identify.Data;

/// <summary>
/// The caps on input files (documented in the tool's README). Memory for reading a file is bounded by them, not by
/// the file's size; anything larger is refused with the file and line.
/// </summary>
internal static class InputLimits
{
    /// <summary>One row (or any one value) of a <c>&lt;table&gt;.json</c> file, in bytes: a Dataverse text column holds at most 1,048,576 characters.</summary>
    public const int JsonRowBytes = 4 * 1024 * 1024;

    /// <summary>One record of a <c>&lt;table&gt;.csv</c> file, in characters (all its fields, quoted line breaks included).</summary>
    public const int CsvRecordCharacters = 4 * 1024 * 1024;

    /// <summary>One line of a conversations file, in characters.</summary>
    public const int ConversationLineCharacters = 1024 * 1024;

    /// <summary>Objects and arrays nest at most this deep in a JSON table row or conversation line (a lookup in a row is 3 deep).</summary>
    public const int JsonDepth = 16;
}
