using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json.Nodes;
using Xunit;

namespace Identification.Solution.Tests;

/// <summary>
/// The packager refuses a SolutionDefinition.json that would ship a step twice, leave one out, or write an empty solution,
/// and says what to fix, before it writes anything.
/// </summary>
public sealed class SolutionSourceTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("solution-source-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void A_step_on_a_table_no_solution_lists_is_refused()
    {
        var source = Source();
        source["channels"]!.AsArray().RemoveAt(0); // the SMS solution

        var (exitCode, error) = Pack(source);

        Assert.Equal(1, exitCode);
        Assert.Contains("step 'Identification: re-identify when the SMS context arrives': no solution lists its table msdyn_smsengagementctx", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_listed_by_two_solutions_is_refused()
    {
        var source = Source();
        source["core"]!["tables"]!.AsArray().Add(Table("msdyn_smsengagementctx"));

        var (exitCode, error) = Pack(source);

        Assert.Equal(1, exitCode);
        Assert.Contains("the table msdyn_smsengagementctx is listed by more than one solution", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_solution_that_would_ship_no_step_is_refused()
    {
        var source = Source();
        source["channels"]!.AsArray().Add(new JsonObject
        {
            ["uniqueName"] = "CustomerIdentificationWhatsApp",
            ["displayName"] = "Customer Identification: WhatsApp",
            ["tables"] = new JsonArray(Table("msdyn_whatsappengagementctx")),
        });

        var (exitCode, error) = Pack(source);

        Assert.Equal(1, exitCode);
        Assert.Contains("solution 'CustomerIdentificationWhatsApp' ships no step", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unique_name_that_cannot_name_a_solution_or_its_zip_is_refused()
    {
        var source = Source();
        source["channels"]![0]!["uniqueName"] = "../Customer Identification";

        var (exitCode, error) = Pack(source);

        Assert.Equal(1, exitCode);
        Assert.Contains("a unique name is a letter followed by letters, digits and underscores", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory.FullName, "*.zip", SearchOption.AllDirectories));
    }

    private static JsonObject Source() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Built.RepoRoot, "Solution", "SolutionDefinition.json")))!.AsObject();

    private static JsonObject Table(string name) => new()
    {
        ["name"] = name,
        ["displayName"] = name,
        ["addedBy"] = "Omnichannel",
    };

    private (int ExitCode, string Error) Pack(JsonObject source)
    {
        var definition = Path.Combine(_directory.FullName, "SolutionDefinition.json");
        File.WriteAllText(definition, source.ToJsonString());
        var run = Process.Start(new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList =
            {
                "exec", Built.Packager,
                "--definition", definition,
                "--assembly", Built.PluginAssembly,
                "--output", Path.Combine(_directory.FullName, "out"),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var error = run.StandardError.ReadToEnd();
        run.WaitForExit();
        return (run.ExitCode, error);
    }
}
