using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Unicode;

namespace Identification.Identify.Data;

/// <summary>
/// Reads a UTF-8 file as text, strictly: a UTF-8 byte order mark is skipped, a UTF-16 one refused, and invalid
/// UTF-8 is refused with its line instead of becoming U+FFFD (which StreamReader does silently). The error is
/// raised when the reader reaches the bad byte, so anything wrong earlier in the file is reported first.
/// The stream stays the caller's to dispose.
/// </summary>
internal sealed class Utf8TextReader : TextReader
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly string _fileName;
    private readonly byte[] _bytes = new byte[BufferSize];
    private readonly char[] _chars = new char[BufferSize];
    private int _byteCount;
    private int _charPosition;
    private int _charCount;
    private bool _started;
    private bool _endOfStream;
    private InputFileException? _invalidAfterBuffer;

    public Utf8TextReader(Stream stream, string fileName)
    {
        _stream = stream;
        _fileName = fileName;
    }

    /// <summary>1-based line of the next character to be read.</summary>
    public long Line { get; private set; } = 1;

    public override int Peek() => Fill() ? _chars[_charPosition] : -1;

    public override int Read()
    {
        if (!Fill())
        {
            return -1;
        }

        var c = _chars[_charPosition++];
        if (c == '\n')
        {
            Line++;
        }

        return c;
    }

    /// <summary>The next line without its line break, or null at the end; a line over <paramref name="maximumLength"/> characters is refused.</summary>
    public string? ReadLine(int maximumLength)
    {
        if (!Fill())
        {
            return null;
        }

        var line = new StringBuilder();
        var startLine = Line;
        while (Fill())
        {
            var available = _chars.AsSpan(_charPosition, _charCount - _charPosition);
            var end = available.IndexOf('\n');
            var part = end < 0 ? available : available[..end];
            if (line.Length + part.Length > maximumLength)
            {
                throw new InputFileException(_fileName, startLine, $"the line is longer than {maximumLength:N0} characters, the limit for one line");
            }

            line.Append(part);
            _charPosition += part.Length;
            if (end >= 0)
            {
                _charPosition++;
                Line++;
                break;
            }
        }

        if (line.Length > 0 && line[^1] == '\r')
        {
            line.Length--;
        }

        return line.ToString();
    }

    /// <summary>True when a character is ready at <see cref="_charPosition"/>; decodes the next block when needed.</summary>
    private bool Fill()
    {
        while (_charPosition == _charCount)
        {
            if (_invalidAfterBuffer is not null)
            {
                throw _invalidAfterBuffer;
            }

            if (_endOfStream && _byteCount == 0)
            {
                return false;
            }

            ReadBytes();
            var bytes = _bytes.AsSpan(0, _byteCount);
            var status = Utf8.ToUtf16(bytes, _chars, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: _endOfStream);
            if (status == OperationStatus.InvalidData)
            {
                var lineOfByte = Line + _chars.AsSpan(0, written).Count('\n');
                _invalidAfterBuffer = new InputFileException(_fileName, lineOfByte, Utf8Input.InvalidUtf8(bytes, read));
            }

            bytes[read..].CopyTo(_bytes);
            _byteCount -= read;
            _charPosition = 0;
            _charCount = written;
        }

        return true;
    }

    private void ReadBytes()
    {
        if (_endOfStream)
        {
            return;
        }

        // The first block is read until the byte order mark can be told (4 bytes) or the file ends.
        do
        {
            var read = _stream.Read(_bytes, _byteCount, _bytes.Length - _byteCount);
            _endOfStream = read == 0;
            _byteCount += read;
        }
        while (!_started && !_endOfStream && _byteCount < 4);

        if (!_started)
        {
            _started = true;
            var mark = Utf8Input.ByteOrderMarkLength(_bytes.AsSpan(0, _byteCount), _fileName);
            _bytes.AsSpan(mark, _byteCount - mark).CopyTo(_bytes);
            _byteCount -= mark;
        }
    }
}
