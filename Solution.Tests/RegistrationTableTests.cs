using System;
using System.IO;
using System.Linq;
using Identification.Plugins.Registration;
using Xunit;

namespace Identification.Solution.Tests;

/// <summary>Solution/README.md's Plugin Registration Tool table says what the zips and PluginSteps say.</summary>
public class RegistrationTableTests
{
    private static readonly string[] Readme = File.ReadAllLines(Path.Combine(Built.RepoRoot, "Solution", "README.md"));

    public static TheoryData<string> RegisteredStepNames => RegisteredStepsTests.RegisteredStepNames;

    [Theory]
    [MemberData(nameof(RegisteredStepNames))]
    public void The_table_lists_the_step_with_its_settings(string name)
    {
        var registration = PluginSteps.All.Single(s => s.Name == name);
        var row = Readme.SingleOrDefault(line => line.StartsWith("| " + name + " |", StringComparison.Ordinal));
        Assert.True(row != null, $"Solution/README.md has no registration row for '{name}'");

        var cells = row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(registration.Message, cells[1]);
        Assert.Equal(registration.EntityName, cells[2]);
        Assert.Equal($"{registration.Stage} ({(int)registration.Stage})", cells[3]);
        Assert.Equal(registration.Asynchronous ? "Asynchronous" : "Synchronous", cells[4]);
        Assert.Equal(registration.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[5]);
        Assert.Equal(registration.FilteringAttributes.Count == 0 ? "none" : string.Join(", ", registration.FilteringAttributes), cells[6]);
        Assert.Equal(
            registration.PostImageName == null ? "none" : $"{registration.PostImageName} (post-image): {string.Join(", ", registration.PostImageAttributes)}",
            cells[7]);
    }

    [Fact]
    public void The_default_configuration_shown_is_the_one_every_zip_ships()
    {
        var shipped = SolutionPackage.AllBuilt().SelectMany(p => p.Steps).Select(s => (string?)s.Element("Configuration")).Distinct().Single();

        Assert.Contains(shipped, Readme);
    }
}
