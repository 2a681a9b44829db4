using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Identification.Identify.Data;

/// <summary>One CSV field: its text, and whether it was quoted (quoted text is never read as a number).</summary>
internal readonly record struct CsvField(string Text, bool Quoted);

/// <summary>
/// A small RFC 4180 reader: comma-separated, double-quoted fields with "" for a quote, line breaks inside
/// quotes, CRLF or LF. It reports the line each record starts on, and refuses malformed quoting and records
/// longer than <see cref="InputLimits.CsvRecordCharacters"/>.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly string _fileName;
    private readonly StringBuilder _field = new();
    private long _line = 1;
    private int _recordLength;

    public CsvRecordReader(TextReader reader, string fileName)
    {
        _reader = reader;
        _fileName = fileName;
    }

    /// <summary>Line on which the record last returned by <see cref="TryRead"/> starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the file. Blank lines are skipped.</summary>
    public bool TryRead(List<CsvField> fields)
    {
        fields.Clear();
        while (true)
        {
            var first = _reader.Peek();
            if (first == -1)
            {
                return false;
            }

            if (first is '\r' or '\n')
            {
                ReadLineBreak();
                continue;
            }

            break;
        }

        RecordLine = _line;
        _recordLength = 0;
        while (true)
        {
            var quoted = _reader.Peek() == '"';
            var text = quoted ? ReadQuoted() : ReadUnquoted();
            fields.Add(new CsvField(text, quoted));
            var next = _reader.Peek();
            if (next == ',')
            {
                _reader.Read();
                Count(1);
                continue;
            }

            if (next is '\r' or '\n')
            {
                ReadLineBreak();
            }

            return true;
        }
    }

    private string ReadUnquoted()
    {
        _field.Clear();
        while (true)
        {
            var c = _reader.Peek();
            if (c is -1 or ',' or '\r' or '\n')
            {
                return _field.ToString();
            }

            if (c == '"')
            {
                throw new InputFileException(_fileName, _line, "a quote inside an unquoted field; quote the whole field and double the quote (\"say \"\"hi\"\"\")");
            }

            Take((char)_reader.Read());
        }
    }

    private string ReadQuoted()
    {
        var startLine = _line;
        _reader.Read();
        _field.Clear();
        while (true)
        {
            var c = _reader.Read();
            switch (c)
            {
                case -1:
                    throw new InputFileException(_fileName, startLine, "a quoted field is never closed");
                case '"' when _reader.Peek() == '"':
                    _reader.Read();
                    Take('"');
                    break;
                case '"':
                    var after = _reader.Peek();
                    if (after is not (-1 or ',' or '\r' or '\n'))
                    {
                        throw new InputFileException(_fileName, _line, "text after a closing quote; a field is either quoted whole or not at all");
                    }

                    return _field.ToString();
                case '\n':
                    _line++;
                    Take('\n');
                    break;
                default:
                    Take((char)c);
                    break;
            }
        }
    }

    private void Take(char c)
    {
        Count(1);
        _field.Append(c);
    }

    /// <summary>Counts characters of the record, so that one record (or one field) never grows past the cap.</summary>
    private void Count(int characters)
    {
        _recordLength += characters;
        if (_recordLength > InputLimits.CsvRecordCharacters)
        {
            throw new InputFileException(_fileName, RecordLine, $"the record is longer than {InputLimits.CsvRecordCharacters:N0} characters, the limit for one row");
        }
    }

    private void ReadLineBreak()
    {
        if (_reader.Read() == '\r' && _reader.Peek() == '\n')
        {
            _reader.Read();
        }

        _line++;
    }
}
