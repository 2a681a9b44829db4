using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Identification.Plugins.Configuration;

/// <summary>The kinds of JSON value, named as messages name them.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>
/// A read-only JSON value of the step configuration with its path (<c>$.rules[0].fetchXml</c>) and the line and
/// column where it starts, so that every error can say where to look. Read by <see cref="JsonReader"/>.
/// </summary>
internal sealed class JsonValue
{
    private const int LongestQuotedText = 40;

    private static readonly IReadOnlyList<KeyValuePair<string, JsonValue>> NoMembers = Array.Empty<KeyValuePair<string, JsonValue>>();
    private static readonly IReadOnlyList<JsonValue> NoItems = Array.Empty<JsonValue>();

    private readonly string _text;
    private readonly IReadOnlyList<KeyValuePair<string, JsonValue>> _members;
    private readonly IReadOnlyList<JsonValue> _items;

    private JsonValue(JsonKind kind, string path, int line, int column, string text,
        IReadOnlyList<KeyValuePair<string, JsonValue>> members, IReadOnlyList<JsonValue> items)
    {
        Kind = kind;
        Path = path;
        Line = line;
        Column = column;
        _text = text;
        _members = members;
        _items = items;
    }

    public JsonKind Kind { get; }

    /// <summary>Where the value sits in the configuration, e.g. <c>$.rules[0].fetchXml</c>.</summary>
    public string Path { get; }

    /// <summary>1-based line of the value's first character.</summary>
    public int Line { get; }

    /// <summary>1-based column (UTF-16 code units) of the value's first character.</summary>
    public int Column { get; }

    /// <summary>Parses the whole configuration; throws <see cref="ConfigurationException"/> saying what to fix and where.</summary>
    public static JsonValue Parse(string json) => JsonReader.Read(json);

    public static JsonValue ForScalar(JsonKind kind, string path, int line, int column, string text) =>
        new JsonValue(kind, path, line, column, text, NoMembers, NoItems);

    public static JsonValue ForObject(string path, int line, int column, IReadOnlyList<KeyValuePair<string, JsonValue>> members) =>
        new JsonValue(JsonKind.Object, path, line, column, string.Empty, members, NoItems);

    public static JsonValue ForArray(string path, int line, int column, IReadOnlyList<JsonValue> items) =>
        new JsonValue(JsonKind.Array, path, line, column, string.Empty, NoMembers, items);

    /// <summary>The path of a member of an object at <paramref name="path"/>: <c>$.name</c>, or <c>$["odd name"]</c>.</summary>
    public static string MemberPath(string path, string name) =>
        IsPlainName(name) ? path + "." + name : path + "[" + Quote(name) + "]";

    public static string ItemPath(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>
    /// Text from the configuration as a message shows it: in double quotes, control characters escaped, and cut
    /// (never inside a surrogate pair) when it is long, so a message stays one readable line.
    /// </summary>
    public static string Quote(string text)
    {
        var cut = text.Length > LongestQuotedText ? LongestQuotedText : text.Length;
        if (cut < text.Length && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var quoted = new StringBuilder(cut + 8).Append('"');
        for (var i = 0; i < cut; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c) || (char.IsSurrogate(c) && !IsPairAt(text, i)))
                    {
                        quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(c);
                        if (char.IsHighSurrogate(c))
                        {
                            quoted.Append(text[++i]);
                        }
                    }

                    break;
            }
        }

        return quoted.Append(cut < text.Length ? "…\"" : "\"").ToString();
    }

    /// <summary>The error for this value: <c>$.path problem (line 3, column 17).</c></summary>
    public ConfigurationException Error(string problem) =>
        new ConfigurationException(Path + " " + problem + " (" + Where(Line, Column) + ").");

    public static string Where(int line, int column) =>
        "line " + line.ToString(CultureInfo.InvariantCulture) + ", column " + column.ToString(CultureInfo.InvariantCulture);

    public IReadOnlyList<KeyValuePair<string, JsonValue>> Members()
    {
        Expect(JsonKind.Object);
        return _members;
    }

    public IReadOnlyList<JsonValue> Items()
    {
        Expect(JsonKind.Array);
        return _items;
    }

    public string AsString()
    {
        Expect(JsonKind.String);
        return _text;
    }

    public bool AsBoolean()
    {
        Expect(JsonKind.Boolean);
        return string.Equals(_text, "true", StringComparison.Ordinal);
    }

    public int AsInteger()
    {
        Expect(JsonKind.Number);
        if (!int.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("must be a whole number; it is " + Quote(_text).Trim('"'));
        }

        return value;
    }

    public IReadOnlyList<string> AsStringList() => Items().Select(item => item.AsString()).ToList();

    private void Expect(JsonKind kind)
    {
        if (Kind != kind)
        {
            throw Error("must be " + Describe(kind) + "; it is " + Describe(Kind));
        }
    }

    private static string Describe(JsonKind kind)
    {
        var name = kind.ToString().ToLowerInvariant();
        return kind == JsonKind.Null ? name : (kind == JsonKind.Object || kind == JsonKind.Array ? "an " : "a ") + name;
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || name.Length > LongestQuotedText || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    // A high surrogate followed by a low one; a low surrogate reached on its own is never part of a pair.
    private static bool IsPairAt(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
}
