using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Data;

/// <summary>
/// Streams the rows of a <c>&lt;logicalname&gt;.json</c> file (a JSON array of objects) without loading the
/// file: one buffer, grown only when a single row does not fit, up to <see cref="InputLimits.JsonRowBytes"/>, and
/// line numbers for every error. Each row's bytes are checked (valid UTF-8, no unpaired surrogate escape) before
/// any of its values is read.
/// </summary>
internal sealed class JsonTableReader
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly string _fileName;
    private readonly string _logicalName;
    private readonly string _primaryKey;

    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;          // first unconsumed byte
    private int _end;            // one past the last byte read
    private bool _finalBlock;
    private bool _byteOrderMarkSkipped;
    private JsonReaderState _state;
    private int _countedTo;      // buffer position up to which newlines have been counted
    private long _lineAtCounted = 1;
    private bool _arrayStarted;
    private bool _arrayEnded;
    private long _rowNumber;

    private JsonTableReader(Stream stream, string fileName, string logicalName, string primaryKey)
    {
        _stream = stream;
        _fileName = fileName;
        _logicalName = logicalName;
        _primaryKey = primaryKey;
        _state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = InputLimits.JsonDepth });
    }

    /// <summary>Reads the rows of <paramref name="path"/> lazily; <paramref name="primaryKey"/> becomes each row's Id.</summary>
    public static IEnumerable<TableRow> Read(string path, string logicalName, string primaryKey)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        foreach (var row in Read(stream, Path.GetFileName(path), logicalName, primaryKey))
        {
            yield return row;
        }
    }

    /// <summary>Reads rows from a stream; <paramref name="fileName"/> is only used in error messages.</summary>
    public static IEnumerable<TableRow> Read(Stream stream, string fileName, string logicalName, string primaryKey)
    {
        var reader = new JsonTableReader(stream, fileName, logicalName, primaryKey);
        var rows = new List<TableRow>();
        while (true)
        {
            reader.Fill();
            var done = reader.ParseAvailable(rows);
            foreach (var row in rows)
            {
                yield return row;
            }

            rows.Clear();
            if (done)
            {
                yield break;
            }
        }
    }

    private void Fill()
    {
        if (_finalBlock)
        {
            return;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _countedTo -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // One row is larger than the buffer: grow rather than fail, up to the cap.
            if (_buffer.Length >= InputLimits.JsonRowBytes)
            {
                throw new InputFileException(_fileName, LineAt(FirstNonWhitespace()),
                    $"a row is larger than {InputLimits.JsonRowBytes / (1024 * 1024)} MiB, the limit for one row (is a value cut short, or not closed?)");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        // The first block is read until the byte order mark can be told (4 bytes) or the file ends.
        do
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            _end += read;
            _finalBlock = read == 0;
        }
        while (!_byteOrderMarkSkipped && !_finalBlock && _end < 4);

        if (!_byteOrderMarkSkipped)
        {
            _byteOrderMarkSkipped = true;
            _start = _countedTo = Utf8Input.ByteOrderMarkLength(_buffer.AsSpan(0, _end), _fileName);
        }
    }

    private int FirstNonWhitespace()
    {
        var position = _start;
        while (position < _end && _buffer[position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            position++;
        }

        return position;
    }

    /// <summary>Parses every complete row in the buffer; true when the file is finished.</summary>
    private bool ParseAvailable(List<TableRow> rows)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _finalBlock, _state);
        var wellFormedTo = 0;
        try
        {
            while (true)
            {
                wellFormedTo = (int)reader.BytesConsumed;
                var beforeToken = reader;
                if (!reader.Read())
                {
                    break;
                }

                if (!_arrayStarted)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw Error(reader.TokenStartIndex, "the file must hold a JSON array of rows ([ {...}, {...} ])");
                    }

                    _arrayStarted = true;
                    continue;
                }

                if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 0)
                {
                    _arrayEnded = true;
                    continue;
                }

                var rowStart = reader;
                var rowLine = LineAt(_start + (int)reader.TokenStartIndex);
                _rowNumber++;
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Error(reader.TokenStartIndex, $"row {_rowNumber} is {reader.TokenType}, not a JSON object");
                }

                if (!reader.TrySkip())
                {
                    // The row continues past the buffer: re-read it once more bytes are in.
                    _rowNumber--;
                    reader = beforeToken;
                    break;
                }

                CheckText(_start + (int)rowStart.TokenStartIndex, _start + (int)reader.BytesConsumed);
                rows.Add(new TableRow(ParseRow(ref rowStart), rowLine));
            }
        }
        catch (JsonException ex) when (_finalBlock && OnlyWhitespaceFrom(_start + wellFormedTo))
        {
            throw _arrayStarted
                ? new InputFileException(_fileName, LineAt(_end), "the JSON array is not closed (the file may be truncated)", ex)
                : new InputFileException(_fileName, 1, "the file is empty; write [] for a table with no rows", ex);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is long zeroBased ? zeroBased + 1 : LineAt(_start + (int)reader.BytesConsumed);
            throw new InputFileException(_fileName, line, "not valid JSON: " + FirstSentence(ex.Message), ex);
        }

        var consumed = (int)reader.BytesConsumed;
        LineAt(_start + consumed);
        _start += consumed;
        _state = reader.CurrentState;
        if (_finalBlock && !_arrayEnded)
        {
            throw new InputFileException(_fileName, LineAt(_end), "the JSON array is not closed (the file may be truncated)");
        }

        return _finalBlock;
    }

    /// <summary>Refuses invalid UTF-8 and unpaired surrogate escapes in a row, at their own line.</summary>
    private void CheckText(int from, int to)
    {
        var row = _buffer.AsSpan(from, to - from);
        var invalid = Utf8Input.FirstInvalidUtf8(row);
        if (invalid >= 0)
        {
            throw new InputFileException(_fileName, LineAt(from + invalid), Utf8Input.InvalidUtf8(row, invalid));
        }

        var escape = Utf8Input.FirstUnpairedSurrogateEscape(row);
        if (escape >= 0)
        {
            throw new InputFileException(_fileName, LineAt(from + escape), Utf8Input.UnpairedSurrogateEscape(row, escape));
        }
    }

    private bool OnlyWhitespaceFrom(int position)
    {
        foreach (var b in _buffer.AsSpan(position, _end - position))
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private Entity ParseRow(ref Utf8JsonReader reader)
    {
        var entity = new Entity(_logicalName);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var propertyAt = reader.TokenStartIndex;
            var column = reader.GetString()!;
            reader.Read();
            if (column.StartsWith('@'))
            {
                // OData annotations (@odata.etag) describe the response, not a column. The whole row is in
                // the buffer (checked before parsing), so TrySkip always succeeds.
                reader.TrySkip();
                continue;
            }

            if (!TableRules.IsLogicalName(column))
            {
                throw Error(propertyAt, $"'{column}' is not a column logical name (lower-case letters, digits, underscores)");
            }

            if (!seen.Add(column))
            {
                throw Error(propertyAt, $"column '{column}' appears twice in the row");
            }

            var value = ReadValue(ref reader, column, propertyAt);
            if (value is null)
            {
                continue;
            }

            if (column == _primaryKey)
            {
                entity.Id = (Guid)value;
            }

            entity[column] = value;
        }

        return entity;
    }

    private object? ReadValue(ref Utf8JsonReader reader, string column, long propertyAt)
    {
        var isKey = column == _primaryKey;
        var isOptionSet = TableRules.IsOptionSet(column);
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                // Dataverse returns no value for an empty column; null means the same here.
                return null;
            case JsonTokenType.String when isKey:
                return reader.TryGetGuid(out var id) && id != Guid.Empty
                    ? id
                    : throw Error(propertyAt, $"primary key '{column}' must be a GUID, found \"{reader.GetString()}\"");
            case JsonTokenType.String when isOptionSet:
                throw Error(propertyAt, $"'{column}' must be an integer option value, found \"{reader.GetString()}\"");
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number when isKey:
                throw Error(propertyAt, $"primary key '{column}' must be a GUID string");
            case JsonTokenType.Number when isOptionSet:
                return reader.TryGetInt32(out var option)
                    ? new OptionSetValue(option)
                    : throw Error(propertyAt, $"'{column}' must be an integer option value");
            case JsonTokenType.Number:
                if (reader.TryGetInt32(out var whole)) return whole;
                if (reader.TryGetInt64(out var big)) return big;
                if (reader.TryGetDecimal(out var exact)) return exact;
                return reader.GetDouble();
            case JsonTokenType.True or JsonTokenType.False when !isKey && !isOptionSet:
                return reader.GetBoolean();
            case JsonTokenType.StartObject when !isKey && !isOptionSet:
                return ReadLookup(ref reader, column, propertyAt);
            case JsonTokenType.StartArray:
                throw Error(propertyAt, $"'{column}' is an array; only single values and lookups are supported");
            default:
                throw Error(propertyAt, $"'{column}' has an unsupported value ({reader.TokenType})");
        }
    }

    private EntityReference ReadLookup(ref Utf8JsonReader reader, string column, long propertyAt)
    {
        string? logicalName = null;
        Guid? id = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!seen.Add(name))
            {
                throw Error(propertyAt, $"lookup '{column}' has '{name}' twice");
            }

            switch (name)
            {
                case "logicalName" when reader.TokenType == JsonTokenType.String:
                    logicalName = reader.GetString();
                    break;
                case "logicalName":
                    throw Error(propertyAt, $"lookup '{column}' has a logicalName that is not a string");
                case "id" when reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var parsed):
                    id = parsed;
                    break;
                case "id":
                    throw Error(propertyAt, $"lookup '{column}' has an id that is not a GUID");
                default:
                    throw Error(propertyAt, $"lookup '{column}' has '{name}'; write {{\"logicalName\": \"...\", \"id\": \"...\"}}");
            }
        }

        if (logicalName is null || !TableRules.IsLogicalName(logicalName) || id is null)
        {
            throw Error(propertyAt, $"lookup '{column}' needs a logicalName and an id: {{\"logicalName\": \"contact\", \"id\": \"<guid>\"}}");
        }

        return new EntityReference(logicalName, id.Value);
    }

    private InputFileException Error(long tokenIndexInSpan, string problem) =>
        new(_fileName, LineAt(_start + (int)tokenIndexInSpan), problem);

    /// <summary>1-based line of a buffer position; positions are asked for in increasing order.</summary>
    private long LineAt(int position)
    {
        for (; _countedTo < position && _countedTo < _end; _countedTo++)
        {
            if (_buffer[_countedTo] == (byte)'\n')
            {
                _lineAtCounted++;
            }
        }

        return _lineAtCounted;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.', ' ') : message;
    }
}
