using System;
using System.IO;
using System.Text;
using Identification.Identify.Cli;

namespace Identification.Identify;

/// <summary>Entry point of <c>identify</c>.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // Results can be tens of thousands of lines: buffer stdout instead of Console.Out's flush per write.
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var exitCode = IdentifyCli.Run(args, output, Console.Error, errorIsTerminal: !Console.IsErrorRedirected, TerminalOutput.Detect());
        output.Flush();
        return exitCode;
    }
}
