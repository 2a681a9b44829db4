using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Identification.Solution.Tests;

/// <summary>
/// Runs deploy/deploy.sh with stand-ins for pac and dotnet first on PATH; each records its arguments, so a test
/// sees exactly what the script would have run.
/// </summary>
internal sealed class DeployScript : IDisposable
{
    private const string EndOfCall = "<end>";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("deploy-test-");

    public DeployScript()
    {
        Directory.CreateDirectory(BinDirectory);
        WriteStandIn("pac", """
            #!/usr/bin/env bash
            { printf '%s\n' "$@"; printf '<end>\n'; } >> "$STAND_IN_DIR/pac.log"
            [[ "${PAC_FAILS_ON:-}" != "$1 $2" ]] || exit 3
            """);
        WriteStandIn("dotnet", """
            #!/usr/bin/env bash
            { printf '%s\n' "$@"; printf '<end>\n'; } >> "$STAND_IN_DIR/dotnet.log"
            [[ -z "${BUILD_FAILS:-}" ]] || exit 1
            for argument in "$@"; do
              case "$argument" in -p:SolutionZip=*) printf 'zip' > "${argument#-p:SolutionZip=}" ;; esac
            done
            """);
        SearchPath = BinDirectory + ":/usr/local/bin:/usr/bin:/bin";
    }

    /// <summary>A zip path inside the test's directory (not created).</summary>
    public string ZipPath => Path.Combine(_directory.FullName, "CustomerIdentification.zip");

    public string ConfigPath => Path.Combine(_directory.FullName, "pac-config.json");

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>PATH for the script; by default the stand-ins first, then the usual system directories.</summary>
    public string SearchPath { get; set; }

    private string BinDirectory => Path.Combine(_directory.FullName, "bin");

    /// <summary>A valid configuration for the given auth, pointing at <see cref="ZipPath"/>.</summary>
    public static string ValidConfig(string auth = "deviceCode", string zipPath = "{zip}") => $$"""
        {
          "environmentUrl": "https://contoso.crm.dynamics.com",
          "solutionName": "CustomerIdentification",
          "publisherPrefix": "idf",
          "zipPath": "{{zipPath}}",
          "auth": "{{auth}}"
        }
        """;

    /// <summary>A valid configuration without the line of the given key (any but the last, auth).</summary>
    public static string ValidConfigWithout(string key) =>
        string.Join("\n", ValidConfig().Split('\n').Where(line => !line.Contains($"\"{key}\"", StringComparison.Ordinal)));

    /// <summary>Writes the configuration; "{zip}" stands for <see cref="ZipPath"/>.</summary>
    public void WriteConfig(string json) => File.WriteAllText(ConfigPath, json.Replace("{zip}", ZipPath, StringComparison.Ordinal));

    public void CreateZip() => File.WriteAllText(ZipPath, "zip");

    public void RemoveStandIn(string name) => File.Delete(Path.Combine(BinDirectory, name));

    public Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(Built.RepoRoot, "deploy", "deploy.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["PATH"] = SearchPath;
        start.Environment["STAND_IN_DIR"] = _directory.FullName;
        foreach (var name in new[] { "PAC_TENANT_ID", "PAC_APPLICATION_ID", "PAC_CLIENT_SECRET" }) start.Environment.Remove(name);
        foreach (var (name, value) in Environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Task.WaitAll(output, error);
        return new Result(process.ExitCode, output.Result, error.Result, Calls("pac.log"), Calls("dotnet.log"));
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private void WriteStandIn(string name, string script)
    {
        var path = Path.Combine(BinDirectory, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private List<string[]> Calls(string log)
    {
        var path = Path.Combine(_directory.FullName, log);
        if (!File.Exists(path)) return [];

        var calls = new List<string[]>();
        var call = new List<string>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line == EndOfCall)
            {
                calls.Add(call.ToArray());
                call.Clear();
            }
            else
            {
                call.Add(line);
            }
        }

        return calls;
    }

    /// <summary>What a run did: exit code, output, and every pac and dotnet call in order.</summary>
    public sealed record Result(int ExitCode, string Output, string Error, IReadOnlyList<string[]> PacCalls, IReadOnlyList<string[]> DotnetCalls);
}
