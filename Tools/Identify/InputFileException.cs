using System;

namespace Identification.Identify;

/// <summary>A problem in an input file, located by file and line so the user can fix it.</summary>
internal sealed class InputFileException : Exception
{
    public InputFileException()
    {
    }

    public InputFileException(string message)
        : base(message)
    {
    }

    public InputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InputFileException(string file, long line, string problem, Exception? innerException = null)
        : base($"{file} line {line}: {problem}", innerException)
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file's name as the user gave it (or as found in the data directory).</summary>
    public string? File { get; }

    /// <summary>1-based line where the offending row or value starts.</summary>
    public long Line { get; }

    public string? Problem { get; }
}
