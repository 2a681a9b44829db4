using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Identification.Plugins.Hygiene;
using Identification.Plugins.Registration;
using Xunit;

namespace Identification.Solution.Tests;

/// <summary>
/// Issue 13 item 4: the phone number hygiene steps ship in a solution of their own, CustomerIdentificationPhoneHygiene.zip,
/// which an admin imports by choice after the core (whose assembly holds the plug-in type); deploy.sh never imports it.
/// </summary>
public class PhoneHygieneSolutionTests
{
    private const string PluginTypeId = "72e39179-3145-4e9c-b5b4-2752d89e06ea";
    private const string PluginTypeName = "Identification.Plugins.PhoneNumberHygienePlugin";

    private static readonly string[] Readme = File.ReadAllLines(Path.Combine(Built.RepoRoot, "Solution", "README.md"));

    private readonly SolutionPackage _hygiene = SolutionPackage.OpenBuilt(SolutionPackage.PhoneHygiene);

    public static TheoryData<string> HygieneStepNames => new(PhoneHygieneSteps.All.Select(s => s.Name));

    [Fact]
    public void The_zip_holds_the_hygiene_steps_and_no_assembly()
    {
        Assert.Equal(PhoneHygieneSteps.All.Select(s => s.Name), _hygiene.StepNames);
        Assert.Equal(new[] { "[Content_Types].xml", "customizations.xml", "solution.xml" }, _hygiene.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Null(_hygiene.PluginAssembly);
        Assert.Equal(
            PhoneHygieneSteps.All.Select(s => ("92", "{" + s.Id.ToString("D") + "}")),
            _hygiene.RootComponents.Select(c => ((string)c.Attribute("type")!, (string)c.Attribute("id")!)));
        Assert.Equal("0", (string?)_hygiene.Manifest.Element("Managed"));
    }

    [Fact]
    public void No_other_zip_ships_a_hygiene_step()
    {
        Assert.All(SolutionPackage.AllBuilt(), package => Assert.Empty(package.StepNames.Intersect(PhoneHygieneSteps.All.Select(s => s.Name))));
    }

    [Theory]
    [MemberData(nameof(HygieneStepNames))]
    public void Each_step_is_PreOperation_synchronous_on_contact_or_account_with_its_filtering_attributes(string name)
    {
        var registration = PhoneHygieneSteps.All.Single(s => s.Name == name);
        var step = _hygiene.Step(name);

        Assert.Equal(registration.Message == "Update" ? "20bebb1b-ea3e-db11-86a7-000a3a5473e8" : "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8", (string?)step.Element("SdkMessageId"));
        Assert.Contains((string?)step.Element("PrimaryEntity"), new[] { "contact", "account" });
        Assert.Equal(registration.EntityName, (string?)step.Element("PrimaryEntity"));
        Assert.Equal("20", (string?)step.Element("Stage"));
        Assert.Equal("0", (string?)step.Element("Mode"));
        Assert.Equal("0", (string?)step.Element("AsyncAutoDelete"));
        Assert.Equal(
            registration.Message == "Update" ? string.Join(",", PhoneHygieneSettings.DefaultColumns[registration.EntityName]) : "",
            (string?)step.Element("FilteringAttributes"));
        Assert.Equal(registration.Description, (string?)step.Element("Description"));
        Assert.Empty(step.Element("SdkMessageProcessingStepImages")!.Elements());
        Assert.Equal("{" + registration.Id.ToString("D") + "}", (string?)step.Attribute("SdkMessageProcessingStepId"));
    }

    [Theory]
    [MemberData(nameof(HygieneStepNames))]
    public void Each_step_runs_the_hygiene_plugin_type_the_core_assembly_declares(string name)
    {
        var core = SolutionPackage.OpenBuilt(SolutionPackage.Core);
        var declared = core.PluginAssembly!.Element("PluginTypes")!.Elements("PluginType").Single(t => (string?)t.Attribute("Name") == PluginTypeName);
        var step = _hygiene.Step(name);

        Assert.Equal(PluginTypeId, (string?)declared.Attribute("PluginTypeId"));
        Assert.Equal(PluginTypeId, (string?)step.Element("PluginTypeId"));
        Assert.Equal((string?)declared.Attribute("AssemblyQualifiedName"), (string?)step.Element("PluginTypeName"));
        var facts = PluginTypeInspector.Inspect(Built.PluginAssembly, PluginTypeName);
        Assert.True(facts is { IsPublic: true, IsAbstract: false }, $"{PluginTypeName} must be a public concrete class of the built assembly");
        Assert.Contains("Microsoft.Xrm.Sdk.IPlugin, Microsoft.Xrm.Sdk", facts.Interfaces);
    }

    [Theory]
    [MemberData(nameof(HygieneStepNames))]
    public void Each_step_carries_the_hygiene_configuration_which_the_plugin_accepts(string name)
    {
        var configuration = (string?)_hygiene.Step(name).Element("Configuration");

        var settings = PhoneHygieneSettings.Parse(configuration);
        Assert.Equal(PhoneHygieneSettings.DefaultColumns["contact"], settings.ColumnsOf("contact"));
        Assert.Equal(PhoneHygieneSettings.DefaultColumns["account"], settings.ColumnsOf("account"));
        Assert.Null(settings.DefaultCountryCode);
        Assert.Contains(configuration, Readme);
    }

    [Theory]
    [MemberData(nameof(HygieneStepNames))]
    public void Each_step_needs_its_table_and_the_plugin_type_of_the_core_of_the_same_version(string name)
    {
        var registration = PhoneHygieneSteps.All.Single(s => s.Name == name);
        var version = FileVersionInfo.GetVersionInfo(Built.PluginAssembly).FileVersion;
        var required = _hygiene.MissingDependencies
            .Where(d => (string?)d.Element("Dependent")!.Attribute("id") == "{" + registration.Id.ToString("D") + "}")
            .Select(d => d.Element("Required")!)
            .ToList();

        var table = required.Single(r => (string?)r.Attribute("type") == "1");
        Assert.Equal(registration.EntityName, (string?)table.Attribute("schemaName"));
        Assert.Equal("System", (string?)table.Attribute("solution"));
        var type = required.Single(r => (string?)r.Attribute("type") == "90");
        Assert.Equal("{" + PluginTypeId + "}", (string?)type.Attribute("id"));
        Assert.Equal(PluginTypeName, (string?)type.Attribute("schemaName"));
        Assert.Equal($"CustomerIdentification ({version})", (string?)type.Attribute("solution"));
    }

    [Fact]
    public void The_import_order_leaves_it_to_the_admin()
    {
        var lines = File.ReadAllLines(Built.ImportOrder);

        Assert.DoesNotContain(lines, line => !line.StartsWith('#') && line.Contains(SolutionPackage.PhoneHygiene, StringComparison.Ordinal));
        Assert.Contains(
            "# Optional, never imported by deploy.sh: CustomerIdentificationPhoneHygiene.zip (contact account); import it by hand after the core, see Solution/README.md.",
            lines);
    }

    [Theory]
    [MemberData(nameof(HygieneStepNames))]
    public void The_README_registration_table_lists_the_step_with_its_settings(string name)
    {
        var registration = PhoneHygieneSteps.All.Single(s => s.Name == name);
        var row = Readme.SingleOrDefault(line => line.StartsWith("| " + name + " |", StringComparison.Ordinal));
        Assert.True(row != null, $"Solution/README.md has no registration row for '{name}'");

        var cells = row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(registration.Message, cells[1]);
        Assert.Equal(registration.EntityName, cells[2]);
        Assert.Equal("PreOperation (20)", cells[3]);
        Assert.Equal("Synchronous", cells[4]);
        Assert.Equal("1", cells[5]);
        Assert.Equal(registration.FilteringAttributes.Count == 0 ? "none" : string.Join(", ", registration.FilteringAttributes), cells[6]);
    }
}
