using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Identification.Solution.Tests;

/// <summary>
/// Runs deploy/deploy.sh with stand-ins for pac and dotnet first on PATH; each records its arguments, so a test
/// sees exactly what the script would have run. The stand-in pac is also the environment: asked for table definitions
/// (pac env fetch), it reports those of <see cref="EnvironmentTables"/> the query names. The stand-in dotnet "builds"
/// the zips the real build wrote, from its import-order.txt.
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
            if [[ "$1 $2" == "env fetch" ]]; then
              query=""
              while (($# > 0)); do [[ "$1" != --xml ]] || query="$2"; shift; done
              [[ -z "${PAC_ECHOES_QUERY:-}" ]] || printf 'Running FetchXML: %s\n' "$query"
              printf 'logicalname\n'
              for table in $ENVIRONMENT_TABLES; do
                [[ "$query" != *"<value>$table</value>"* ]] || printf '%s\n' "$table"
              done
            fi
            """);
        WriteStandIn("dotnet", """
            #!/usr/bin/env bash
            { printf '%s\n' "$@"; printf '<end>\n'; } >> "$STAND_IN_DIR/dotnet.log"
            [[ -z "${BUILD_FAILS:-}" ]] || exit 1
            for argument in "$@"; do
              case "$argument" in
                -p:SolutionOutputDirectory=*)
                  folder="${argument#-p:SolutionOutputDirectory=}"
                  mkdir -p "$folder"
                  while IFS=$'\t' read -r zip _; do
                    [[ "$zip" == '#'* ]] || printf 'zip' > "$folder/$zip"
                  done < "$BUILT_IMPORT_ORDER"
                  cp "$BUILT_IMPORT_ORDER" "$folder/import-order.txt"
                  ;;
              esac
            done
            """);
        SearchPath = BinDirectory + ":/usr/local/bin:/usr/bin:/bin";
    }

    /// <summary>Every table the solutions need: an environment with Omnichannel and its SMS and voice channels.</summary>
    public static IReadOnlyList<string> AllTables { get; } =
    [
        "msdyn_ocliveworkitem", "msdyn_ocliveworkitemcontextitem", "msdyn_livechatengagementctx", "msdyn_smsengagementctx", "msdyn_ocphonecallengagementctx",
    ];

    /// <summary>The tables the environment has; by default all of <see cref="AllTables"/>.</summary>
    public IReadOnlyList<string> EnvironmentTables { get; set; } = AllTables;

    /// <summary>The solution folder inside the test's directory (not created).</summary>
    public string SolutionFolder => Path.Combine(_directory.FullName, "solutions");

    /// <summary>Where the zip of the solution of that unique name sits in <see cref="SolutionFolder"/>.</summary>
    public string ZipOf(string uniqueName) => Path.Combine(SolutionFolder, uniqueName + ".zip");

    public string ConfigPath => Path.Combine(_directory.FullName, "pac-config.json");

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>PATH for the script; by default the stand-ins first, then the usual system directories.</summary>
    public string SearchPath { get; set; }

    private string BinDirectory => Path.Combine(_directory.FullName, "bin");

    /// <summary>A valid configuration for the given auth, pointing at <see cref="SolutionFolder"/>.</summary>
    public static string ValidConfig(string auth = "deviceCode", string solutionFolder = "{folder}") => $$"""
        {
          "environmentUrl": "https://contoso.crm.dynamics.com",
          "solutionName": "CustomerIdentification",
          "publisherPrefix": "idf",
          "solutionFolder": "{{solutionFolder}}",
          "auth": "{{auth}}"
        }
        """;

    /// <summary>A valid configuration without the line of the given key (any but the last, auth).</summary>
    public static string ValidConfigWithout(string key) =>
        string.Join("\n", ValidConfig().Split('\n').Where(line => !line.Contains($"\"{key}\"", StringComparison.Ordinal)));

    /// <summary>Writes the configuration; "{folder}" stands for <see cref="SolutionFolder"/>.</summary>
    public void WriteConfig(string json) => File.WriteAllText(ConfigPath, json.Replace("{folder}", SolutionFolder, StringComparison.Ordinal));

    /// <summary>Fills <see cref="SolutionFolder"/> as a build would: the real import-order.txt and a stand-in for each zip it names.</summary>
    public void CreateZips()
    {
        Directory.CreateDirectory(SolutionFolder);
        File.Copy(Built.ImportOrder, Path.Combine(SolutionFolder, "import-order.txt"));
        foreach (var line in File.ReadAllLines(Built.ImportOrder).Where(line => !line.StartsWith('#')))
            File.WriteAllText(Path.Combine(SolutionFolder, line.Split('\t')[0]), "zip");
    }

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
        start.Environment["BUILT_IMPORT_ORDER"] = Built.ImportOrder;
        start.Environment["ENVIRONMENT_TABLES"] = string.Join(' ', EnvironmentTables);
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
