using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Identification.Plugins.Configuration;

/// <summary>
/// A strict JSON reader (RFC 8259) for the step configuration: one pass, time linear in the input, every value
/// located by line and column. It refuses what a lenient reader would guess at: duplicate members, content after
/// the root value, leading zeros, raw control characters and unpaired surrogates in strings, <c>__type</c>
/// members, inputs over <see cref="MaximumLength"/> characters and nesting over <see cref="MaximumDepth"/>.
/// Hand-written because the .NET Framework's reader (DataContractJsonSerializer) throws exceptions other than
/// XmlException for malformed input and is super-linear on escapes and nesting.
/// </summary>
internal sealed class JsonReader
{
    private const int MaximumLength = IdentificationSettings.MaximumConfigurationLength;
    private const int MaximumDepth = IdentificationSettings.MaximumNestingDepth;

    private readonly string _text;
    private readonly StringBuilder _buffer = new StringBuilder();
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private JsonReader(string text)
    {
        _text = text;
    }

    private int Column => _position - _lineStart + 1;

    private bool AtEnd => _position >= _text.Length;

    /// <summary>Reads the one JSON value <paramref name="text"/> holds.</summary>
    public static JsonValue Read(string text)
    {
        if (text.Length > MaximumLength)
        {
            throw new ConfigurationException("The configuration is " + text.Length.ToString("N0", CultureInfo.InvariantCulture)
                + " characters long; the limit is " + MaximumLength.ToString("N0", CultureInfo.InvariantCulture)
                + " (64 KB). A configuration is a few options and rules: check that nothing else was pasted into it.");
        }

        var reader = new JsonReader(text);
        if (!reader.AtEnd && text[0] == '\uFEFF')
        {
            // A byte order mark from a file saved by a Windows editor is not content.
            reader._position++;
        }

        reader.SkipWhitespace();
        var root = reader.ReadValue("$", 1);
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            throw reader.Error(Describe(text, reader._position) + " after the end of the configuration; it holds one JSON object { … } and nothing after it");
        }

        return root;
    }

    private JsonValue ReadValue(string path, int depth)
    {
        if (AtEnd)
        {
            throw Error("the configuration ends where a value was expected (a closing } or ] may be missing)");
        }

        var line = _line;
        var column = Column;
        switch (_text[_position])
        {
            case '{':
                return ReadObject(path, depth, line, column);
            case '[':
                return ReadArray(path, depth, line, column);
            case '"':
                return JsonValue.ForScalar(JsonKind.String, path, line, column, ReadString());
            case 't':
                return JsonValue.ForScalar(JsonKind.Boolean, path, line, column, ReadLiteral("true"));
            case 'f':
                return JsonValue.ForScalar(JsonKind.Boolean, path, line, column, ReadLiteral("false"));
            case 'n':
                return JsonValue.ForScalar(JsonKind.Null, path, line, column, ReadLiteral("null"));
            case '-':
            case >= '0' and <= '9':
                return JsonValue.ForScalar(JsonKind.Number, path, line, column, ReadNumber());
            default:
                throw Error("expected a value (an object, array, string in double quotes, number, true, false or null), found " + Describe(_text, _position));
        }
    }

    private JsonValue ReadObject(string path, int depth, int line, int column)
    {
        CheckDepth(depth);
        _position++;
        var members = new List<KeyValuePair<string, JsonValue>>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        SkipWhitespace();
        if (Next('}'))
        {
            return JsonValue.ForObject(path, line, column, members);
        }

        while (true)
        {
            if (AtEnd || _text[_position] != '"')
            {
                throw Error("expected a member name in double quotes, found " + Describe(_text, _position)
                    + (members.Count > 0 ? " (a comma after the last member?)" : string.Empty));
            }

            var nameAt = JsonValue.Where(_line, Column);
            var name = ReadString();
            if (seen.TryGetValue(name, out var firstAt))
            {
                throw ErrorAt(nameAt, JsonValue.Quote(name) + " is given twice in " + path + " (first at " + firstAt + "); give each member once");
            }

            if (string.Equals(name, "__type", StringComparison.Ordinal))
            {
                throw ErrorAt(nameAt, "\"__type\" is not an option: the configuration is plain JSON, not a serialized .NET object; remove it");
            }

            seen.Add(name, nameAt);
            SkipWhitespace();
            if (!Next(':'))
            {
                throw Error("expected ':' after the member name " + JsonValue.Quote(name) + ", found " + Describe(_text, _position));
            }

            SkipWhitespace();
            members.Add(new KeyValuePair<string, JsonValue>(name, ReadValue(JsonValue.MemberPath(path, name), depth + 1)));
            SkipWhitespace();
            if (Next('}'))
            {
                return JsonValue.ForObject(path, line, column, members);
            }

            if (!Next(','))
            {
                throw Error("expected ',' or '}' after the value of " + JsonValue.Quote(name) + ", found " + Describe(_text, _position));
            }

            SkipWhitespace();
        }
    }

    private JsonValue ReadArray(string path, int depth, int line, int column)
    {
        CheckDepth(depth);
        _position++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (Next(']'))
        {
            return JsonValue.ForArray(path, line, column, items);
        }

        while (true)
        {
            items.Add(ReadValue(JsonValue.ItemPath(path, items.Count), depth + 1));
            SkipWhitespace();
            if (Next(']'))
            {
                return JsonValue.ForArray(path, line, column, items);
            }

            if (!Next(','))
            {
                throw Error("expected ',' or ']' after an item of " + path + ", found " + Describe(_text, _position));
            }

            SkipWhitespace();
            if (!AtEnd && _text[_position] == ']')
            {
                throw Error("expected an item after ',', found ']' (a comma after the last item?)");
            }
        }
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaximumDepth)
        {
            throw Error("objects and arrays are nested more than " + MaximumDepth.ToString(CultureInfo.InvariantCulture)
                + " deep; the configuration's options need 4 at most");
        }
    }

    private string ReadString()
    {
        var startLine = _line;
        var startColumn = Column;
        _position++;
        _buffer.Clear();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("the string that starts at " + JsonValue.Where(startLine, startColumn) + " is never closed (a missing '\"')");
            }

            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                return _buffer.ToString();
            }

            if (c == '\\')
            {
                ReadEscape();
                continue;
            }

            if (c < ' ')
            {
                throw Error(RawControlCharacter(c, startLine, startColumn));
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || _position + 1 >= _text.Length || !char.IsLowSurrogate(_text[_position + 1]))
                {
                    throw Error("the unpaired surrogate U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " is not text; the configuration was damaged on its way here, paste it again");
                }

                _buffer.Append(c);
                _position++;
                c = _text[_position];
            }

            _buffer.Append(c);
            _position++;
        }
    }

    private static string RawControlCharacter(char c, int startLine, int startColumn)
    {
        switch (c)
        {
            case '\n':
            case '\r':
                return "the string that starts at " + JsonValue.Where(startLine, startColumn)
                    + " runs onto the next line; a JSON string is one line. A FetchXML rule pasted over several lines must be joined into one line,"
                    + " or each line break written as \\n";
            case '\t':
                return "a tab inside a string must be written as \\t";
            default:
                return "the control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
                    + " inside a string must be written as \\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ", or removed";
        }
    }

    private void ReadEscape()
    {
        var escapeColumn = Column;
        _position++;
        if (AtEnd)
        {
            throw Error("the configuration ends inside an escape sequence");
        }

        var c = _text[_position++];
        switch (c)
        {
            case '"':
            case '\\':
            case '/':
                _buffer.Append(c);
                return;
            case 'b':
                _buffer.Append('\b');
                return;
            case 'f':
                _buffer.Append('\f');
                return;
            case 'n':
                _buffer.Append('\n');
                return;
            case 'r':
                _buffer.Append('\r');
                return;
            case 't':
                _buffer.Append('\t');
                return;
            case 'u':
                var unit = ReadHex4(escapeColumn);
                if (char.IsHighSurrogate(unit) && _position + 1 < _text.Length && _text[_position] == '\\' && _text[_position + 1] == 'u')
                {
                    var lowColumn = Column;
                    _position += 2;
                    var low = ReadHex4(lowColumn);
                    if (char.IsLowSurrogate(low))
                    {
                        _buffer.Append(unit).Append(low);
                        return;
                    }
                }

                if (char.IsSurrogate(unit))
                {
                    throw ErrorAt(JsonValue.Where(_line, escapeColumn), "\\u" + ((int)unit).ToString("X4", CultureInfo.InvariantCulture)
                        + " is half of a surrogate pair and stands alone; write the character itself, or both halves (\\uD83D\\uDE00)");
                }

                _buffer.Append(unit);
                return;
            default:
                throw ErrorAt(JsonValue.Where(_line, escapeColumn), "a backslash followed by " + Describe(_text, _position - 1)
                    + " is not a JSON escape; write \\\\ for a backslash (escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
    }

    private char ReadHex4(int escapeColumn)
    {
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var digit = AtEnd ? -1 : HexDigit(_text[_position]);
            if (digit < 0)
            {
                throw ErrorAt(JsonValue.Where(_line, escapeColumn), "\\u must be followed by four hexadecimal digits (\\u00E9)");
            }

            value = (value * 16) + digit;
            _position++;
        }

        return (char)value;
    }

    private static int HexDigit(char c) =>
        c >= '0' && c <= '9' ? c - '0'
        : c >= 'a' && c <= 'f' ? c - 'a' + 10
        : c >= 'A' && c <= 'F' ? c - 'A' + 10
        : -1;

    private string ReadLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error("expected " + literal + ", found " + Describe(_text, _position) + " (strings are written in double quotes)");
        }

        _position += literal.Length;
        return literal;
    }

    /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, as RFC 8259 writes numbers.</summary>
    private string ReadNumber()
    {
        var start = _position;
        var startColumn = Column;
        Next('-');
        if (Next('0'))
        {
            if (!AtEnd && IsDigit(_text[_position]))
            {
                throw ErrorAt(JsonValue.Where(_line, startColumn), "a number has no leading zeros: write " + WithoutLeadingZeros(start) + ", not " + NumberText(start));
            }
        }
        else
        {
            RequireDigits("a digit after '-'");
        }

        if (Next('.'))
        {
            RequireDigits("a digit after the decimal point");
        }

        if (Next('e') || Next('E'))
        {
            if (!Next('+'))
            {
                Next('-');
            }

            RequireDigits("a digit in the exponent");
        }

        return _text.Substring(start, _position - start);
    }

    private void RequireDigits(string what)
    {
        if (AtEnd || !IsDigit(_text[_position]))
        {
            throw Error("expected " + what + ", found " + Describe(_text, _position));
        }

        while (!AtEnd && IsDigit(_text[_position]))
        {
            _position++;
        }
    }

    private string NumberText(int start)
    {
        var end = start;
        while (end < _text.Length && (IsDigit(_text[end]) || _text[end] == '-' || _text[end] == '.'))
        {
            end++;
        }

        var text = _text.Substring(start, end - start);
        return JsonValue.Quote(text).Trim('"');
    }

    private string WithoutLeadingZeros(int start)
    {
        var text = NumberText(start);
        var sign = text.StartsWith("-", StringComparison.Ordinal) ? "-" : string.Empty;
        var digits = text.Substring(sign.Length).TrimStart('0');
        return sign + (digits.Length == 0 || digits[0] == '.' ? "0" + digits : digits);
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private bool Next(char expected)
    {
        if (!AtEnd && _text[_position] == expected)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (!AtEnd)
        {
            switch (_text[_position])
            {
                case '\n':
                    _position++;
                    _line++;
                    _lineStart = _position;
                    break;
                case ' ':
                case '\t':
                case '\r':
                    _position++;
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>The character at <paramref name="position"/> as a message names it: 'x', U+0000, or the end.</summary>
    private static string Describe(string text, int position)
    {
        if (position >= text.Length)
        {
            return "the end of the configuration";
        }

        var c = text[position];
        return c <= ' ' || char.IsSurrogate(c) || char.IsControl(c) || c == '\uFEFF'
            ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
            : "'" + c + "'";
    }

    private ConfigurationException Error(string problem) => ErrorAt(JsonValue.Where(_line, Column), problem);

    private static ConfigurationException ErrorAt(string where, string problem) =>
        new ConfigurationException("The configuration is not valid JSON at " + where + ": " + problem + ".");
}
