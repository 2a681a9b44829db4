using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace Identification.Identify.Tests;

/// <summary>
/// The tool as it ships: its own process with its own runtime configuration (globalization-invariant, as
/// Identify.csproj sets it so a machine without ICU runs it), not the test host's. In-process tests cannot see what
/// that configuration changes: a culture that cannot be loaded there crashed every replay once.
/// </summary>
public sealed class ShippedToolTests
{
    [Fact]
    public void Replaying_the_bundled_sample_in_the_tools_own_process_writes_every_conversation()
    {
        var (exitCode, output, error) = Run("replay", "--json");

        Assert.True(exitCode == 0, error);
        Assert.Equal(300, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Expectations in the conversations file: 300 met, 0 not met.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Auditing_the_bundled_sample_in_the_tools_own_process_says_what_to_fix_first()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "samples");

        var (exitCode, output, error) = Run("audit", "--data", Path.Combine(sample, "data"), "--config", Path.Combine(sample, "config.json"));

        Assert.True(exitCode == 0, error);
        Assert.Contains("What to fix first", output, StringComparison.Ordinal);
    }

    /// <summary>Runs identify.dll (copied next to the tests with its runtimeconfig.json) with the dotnet that runs the tests.</summary>
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "identify.dll");
        Assert.True(File.Exists(Path.ChangeExtension(tool, ".runtimeconfig.json")), "the tool's runtime configuration is next to it");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { tool }.Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
