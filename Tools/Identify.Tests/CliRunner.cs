using System.IO;
using System.Linq;
using System.Text.Json;
using Identification.Identify.Cli;

namespace Identification.Identify.Tests;

/// <summary>Runs <c>identify</c> in-process with captured stdout and stderr (stderr not a terminal).</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => On(terminal: null, args);

    /// <summary>Runs with stdout taken as <paramref name="terminal"/> (null: redirected, as <see cref="Of"/>).</summary>
    public static CliRun On(TerminalOutput? terminal, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exitCode = IdentifyCli.Run(args, output, error, errorIsTerminal: false, terminal);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The JSON lines written to stdout, parsed.</summary>
    public JsonElement[] Lines => Output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
        .Select(line => JsonDocument.Parse(line).RootElement)
        .ToArray();
}
