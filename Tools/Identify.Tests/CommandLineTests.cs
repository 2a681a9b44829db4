using System;

namespace Identification.Identify.Tests;

public class CommandLineTests
{
    [Fact]
    public void Refuses_an_unknown_option_with_a_usage_error()
    {
        var run = CliRun.Of("replay", "--date", "somewhere");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--date", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_to_generate_an_organization_without_contacts()
    {
        using var directory = new TempDirectory();

        var run = CliRun.Of("generate", "--contacts", "0", "--out", directory.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--contacts and --accounts must be at least 1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_csv_tables_when_asked()
    {
        using var directory = new TempDirectory();

        var run = CliRun.Of("generate", "--contacts", "20", "--conversations", "19", "--format", "csv", "--out", directory.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.True(System.IO.File.Exists(System.IO.Path.Combine(directory.Path, "data", "contact.csv")));
        var replay = CliRun.Of("replay", "--data", System.IO.Path.Combine(directory.Path, "data"),
            "--conversations", System.IO.Path.Combine(directory.Path, "conversations.jsonl"), "--config", System.IO.Path.Combine(directory.Path, "config.json"));
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("19 met, 0 not met", replay.Error, StringComparison.Ordinal);
    }
}
