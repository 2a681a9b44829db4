using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace Identification.Solution.Tests;

/// <summary>The solution zip Solution/ builds: the layout of a Dataverse export, carrying the built assembly.</summary>
public class SolutionPackageTests
{
    private const string AssemblyId = "3bdca840-cda8-40a8-ab8a-ecd0e3d1d2b8";
    private const string AssemblyEntry = "PluginAssemblies/IdentificationPlugins-3BDCA840-CDA8-40A8-AB8A-ECD0E3D1D2B8/IdentificationPlugins.dll";

    private readonly SolutionPackage _package = SolutionPackage.OpenBuilt();

    [Fact]
    public void The_zip_holds_the_content_types_the_manifest_the_customizations_and_the_assembly()
    {
        Assert.Equal(
            new[] { AssemblyEntry, "[Content_Types].xml", "customizations.xml", "solution.xml" },
            _package.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("[Content_Types].xml", "{http://schemas.openxmlformats.org/package/2006/content-types}Types")]
    [InlineData("solution.xml", "ImportExportXml")]
    [InlineData("customizations.xml", "ImportExportXml")]
    public void Each_xml_part_is_well_formed(string entry, string root)
    {
        var document = _package.Xml(entry);

        Assert.Equal(XName.Get(root), document.Root!.Name);
    }

    [Fact]
    public void The_solution_is_unmanaged_and_carries_the_version_of_the_built_assembly()
    {
        var manifest = _package.Manifest;
        var fileVersion = FileVersionInfo.GetVersionInfo(Built.PluginAssembly).FileVersion;

        Assert.Equal("CustomerIdentification", (string?)manifest.Element("UniqueName"));
        Assert.Equal("0", (string?)manifest.Element("Managed"));
        Assert.Equal(fileVersion, (string?)manifest.Element("Version"));
    }

    [Fact]
    public void The_publisher_brings_the_idf_prefix()
    {
        var publisher = _package.Manifest.Element("Publisher")!;

        Assert.Equal("identification", (string?)publisher.Element("UniqueName"));
        Assert.Equal("idf", (string?)publisher.Element("CustomizationPrefix"));
        Assert.InRange((int)publisher.Element("CustomizationOptionValuePrefix")!, 10000, 99999);
    }

    [Fact]
    public void The_assembly_identity_is_that_of_the_built_net462_assembly_with_its_public_key_token()
    {
        var built = AssemblyName.GetAssemblyName(Built.PluginAssembly);
        var token = Convert.ToHexStringLower(built.GetPublicKeyToken()!);
        var rootComponent = _package.Manifest.Element("RootComponents")!.Elements("RootComponent").Single(c => (string?)c.Attribute("type") == "91");

        Assert.NotEmpty(token);
        Assert.Equal(built.FullName, (string?)_package.PluginAssembly.Attribute("FullName"));
        Assert.EndsWith("PublicKeyToken=" + token, built.FullName, StringComparison.Ordinal);
        Assert.Equal(built.FullName, (string?)rootComponent.Attribute("schemaName"));
        Assert.Equal("{" + AssemblyId + "}", (string?)rootComponent.Attribute("id"));
    }

    [Fact]
    public void The_packed_assembly_is_byte_identical_to_the_built_one()
    {
        Assert.Equal(File.ReadAllBytes(Built.PluginAssembly), _package.Entries[AssemblyEntry]);
    }

    [Fact]
    public void The_assembly_is_registered_sandboxed_from_the_database_at_the_path_it_has_in_the_zip()
    {
        var assembly = _package.PluginAssembly;

        Assert.Equal(AssemblyId, (string?)assembly.Attribute("PluginAssemblyId"));
        Assert.Equal("2", (string?)assembly.Element("IsolationMode"));
        Assert.Equal("0", (string?)assembly.Element("SourceType"));
        Assert.Equal("/" + AssemblyEntry, (string?)assembly.Element("FileName"));
    }

    [Fact]
    public void Every_step_is_a_root_component_and_nothing_else_is()
    {
        var stepIds = _package.Steps.Select(s => (string?)s.Attribute("SdkMessageProcessingStepId")).Order();
        var stepComponents = _package.Manifest.Element("RootComponents")!.Elements("RootComponent")
            .Where(c => (string?)c.Attribute("type") == "92")
            .Select(c => (string?)c.Attribute("id"))
            .Order();

        Assert.Equal(stepIds, stepComponents);
        Assert.Equal(1 + _package.Steps.Count, _package.Manifest.Element("RootComponents")!.Elements().Count());
    }

    [Fact]
    public void Every_step_runs_a_public_plugin_type_of_the_assembly_that_implements_IPlugin()
    {
        var pluginTypes = _package.PluginAssembly.Element("PluginTypes")!.Elements("PluginType").ToList();

        foreach (var step in _package.Steps)
        {
            var typeName = (string)step.Element("PluginTypeName")!;
            var declared = pluginTypes.Single(t => (string?)t.Attribute("AssemblyQualifiedName") == typeName);
            Assert.Equal((string?)declared.Attribute("PluginTypeId"), (string?)step.Element("PluginTypeId"));

            var name = (string)declared.Attribute("Name")!;
            Assert.Equal(name + ", " + (string?)_package.PluginAssembly.Attribute("FullName"), typeName);
            var facts = PluginTypeInspector.Inspect(Built.PluginAssembly, name);
            Assert.True(facts != null, $"{name} is not in the built assembly");
            Assert.True(facts.IsPublic && !facts.IsAbstract, $"{name} must be public and concrete for Dataverse to create it");
            Assert.Contains("Microsoft.Xrm.Sdk.IPlugin, Microsoft.Xrm.Sdk", facts.Interfaces);
        }
    }

    [Theory]
    [InlineData("Create", "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8")]
    [InlineData("Update", "20bebb1b-ea3e-db11-86a7-000a3a5473e8")]
    public void Steps_name_their_message_by_its_well_known_id(string message, string sdkMessageId)
    {
        var stepsOfMessage = Identification.Plugins.Registration.PluginSteps.All.Where(s => s.Message == message).ToList();

        Assert.NotEmpty(stepsOfMessage);
        foreach (var registration in stepsOfMessage)
        {
            Assert.Equal(sdkMessageId, (string?)_package.Step(registration.Name).Element("SdkMessageId"));
        }
    }

    [Fact]
    public void The_ids_are_the_fixed_ones_of_the_solution_source_and_PluginSteps()
    {
        using var source = JsonDocument.Parse(File.ReadAllText(Path.Combine(Built.RepoRoot, "Solution", "SolutionDefinition.json")));

        Assert.Equal(source.RootElement.GetProperty("pluginAssembly").GetProperty("id").GetString(), (string?)_package.PluginAssembly.Attribute("PluginAssemblyId"));
        foreach (var step in Identification.Plugins.Registration.PluginSteps.All)
        {
            var packed = _package.Step(step.Name);
            Assert.Equal("{" + step.Id.ToString("D") + "}", (string?)packed.Attribute("SdkMessageProcessingStepId"));
            var imageIds = step.PostImageId is { } image ? new[] { "{" + image.ToString("D") + "}" } : Array.Empty<string>();
            Assert.Equal(imageIds, packed.Descendants("SdkMessageProcessingStepImageId").Select(e => e.Value));
        }
    }

    [Fact]
    public void Packing_again_gives_the_same_bytes()
    {
        var directory = Directory.CreateTempSubdirectory("solution-pack-");
        try
        {
            var again = Path.Combine(directory.FullName, "again.zip");
            var run = Process.Start(new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                ArgumentList =
                {
                    "exec", Built.Packager,
                    "--definition", Path.Combine(Built.RepoRoot, "Solution", "SolutionDefinition.json"),
                    "--assembly", Built.PluginAssembly,
                    "--output", again,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var errors = run.StandardError.ReadToEnd();
            run.WaitForExit();

            Assert.True(run.ExitCode == 0, errors);
            Assert.Equal(File.ReadAllBytes(Built.SolutionZip), File.ReadAllBytes(again));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
