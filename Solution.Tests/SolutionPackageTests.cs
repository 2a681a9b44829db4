using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using Identification.Plugins.Registration;
using Xunit;

namespace Identification.Solution.Tests;

/// <summary>
/// The solution zips Solution/ builds: the core (the assembly and the steps every Omnichannel environment can take) and one
/// per channel (SMS, voice), each in the layout of a Dataverse export.
/// </summary>
public class SolutionPackageTests
{
    private const string AssemblyId = "3bdca840-cda8-40a8-ab8a-ecd0e3d1d2b8";
    private const string AssemblyEntry = "PluginAssemblies/IdentificationPlugins-3BDCA840-CDA8-40A8-AB8A-ECD0E3D1D2B8/IdentificationPlugins.dll";

    private readonly SolutionPackage _core = SolutionPackage.OpenBuilt(SolutionPackage.Core);

    public static TheoryData<string> Solutions => new(SolutionPackage.Names);

    public static TheoryData<string> ChannelSolutions => new(SolutionPackage.Sms, SolutionPackage.Voice);

    [Fact]
    public void The_build_writes_the_core_zip_a_zip_per_channel_the_optional_zip_and_the_import_order_beside_them()
    {
        var written = Directory.GetFiles(Built.SolutionDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(
            new[] { "CustomerIdentification.zip", "CustomerIdentificationPhoneHygiene.zip", "CustomerIdentificationSms.zip", "CustomerIdentificationVoice.zip", "import-order.txt" },
            written);
    }

    [Fact]
    public void The_import_order_puts_the_core_first_then_each_channel_with_the_tables_it_needs()
    {
        var lines = File.ReadAllLines(Built.ImportOrder).Where(line => !line.StartsWith('#'));

        Assert.Equal(
            new[]
            {
                "CustomerIdentification.zip\tcore\tmsdyn_ocliveworkitem msdyn_ocliveworkitemcontextitem msdyn_livechatengagementctx",
                "CustomerIdentificationSms.zip\tchannel\tmsdyn_smsengagementctx",
                "CustomerIdentificationVoice.zip\tchannel\tmsdyn_ocphonecallengagementctx",
            },
            lines);
    }

    [Fact]
    public void The_core_zip_holds_the_content_types_the_manifest_the_customizations_the_assembly_and_the_custom_api()
    {
        Assert.Equal(
            new[] { AssemblyEntry, "[Content_Types].xml", "customizations.xml", "solution.xml" },
            _core.Entries.Keys.Where(k => !k.StartsWith("customapis/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(_core.Entries.Keys.Where(k => k.StartsWith("customapis/", StringComparison.Ordinal)),
            k => Assert.StartsWith("customapis/idf_IdentifyCustomer/", k, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ChannelSolutions))]
    public void A_channel_zip_holds_no_assembly_only_its_steps(string solution)
    {
        var package = SolutionPackage.OpenBuilt(solution);

        Assert.Equal(new[] { "[Content_Types].xml", "customizations.xml", "solution.xml" }, package.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Null(package.PluginAssembly);
        Assert.DoesNotContain("dll", package.Xml("[Content_Types].xml").Root!.Elements().Select(e => (string?)e.Attribute("Extension")));
    }

    [Theory]
    [InlineData(SolutionPackage.Core, "[Content_Types].xml", "{http://schemas.openxmlformats.org/package/2006/content-types}Types")]
    [InlineData(SolutionPackage.Core, "solution.xml", "ImportExportXml")]
    [InlineData(SolutionPackage.Core, "customizations.xml", "ImportExportXml")]
    [InlineData(SolutionPackage.Sms, "[Content_Types].xml", "{http://schemas.openxmlformats.org/package/2006/content-types}Types")]
    [InlineData(SolutionPackage.Sms, "solution.xml", "ImportExportXml")]
    [InlineData(SolutionPackage.Sms, "customizations.xml", "ImportExportXml")]
    [InlineData(SolutionPackage.Voice, "[Content_Types].xml", "{http://schemas.openxmlformats.org/package/2006/content-types}Types")]
    [InlineData(SolutionPackage.Voice, "solution.xml", "ImportExportXml")]
    [InlineData(SolutionPackage.Voice, "customizations.xml", "ImportExportXml")]
    public void Each_xml_part_is_well_formed(string solution, string entry, string root)
    {
        var document = SolutionPackage.OpenBuilt(solution).Xml(entry);

        Assert.Equal(XName.Get(root), document.Root!.Name);
    }

    [Theory]
    [MemberData(nameof(Solutions))]
    public void Each_solution_is_unmanaged_under_its_own_name_and_carries_the_version_of_the_built_assembly(string solution)
    {
        var manifest = SolutionPackage.OpenBuilt(solution).Manifest;
        var fileVersion = FileVersionInfo.GetVersionInfo(Built.PluginAssembly).FileVersion;

        Assert.Equal(solution, (string?)manifest.Element("UniqueName"));
        Assert.Equal("0", (string?)manifest.Element("Managed"));
        Assert.Equal(fileVersion, (string?)manifest.Element("Version"));
    }

    [Theory]
    [MemberData(nameof(Solutions))]
    public void Each_solution_has_the_publisher_with_the_idf_prefix(string solution)
    {
        var publisher = SolutionPackage.OpenBuilt(solution).Manifest.Element("Publisher")!;

        Assert.Equal("identification", (string?)publisher.Element("UniqueName"));
        Assert.Equal("idf", (string?)publisher.Element("CustomizationPrefix"));
        Assert.InRange((int)publisher.Element("CustomizationOptionValuePrefix")!, 10000, 99999);
    }

    [Fact]
    public void The_assembly_identity_is_that_of_the_built_net462_assembly_with_its_public_key_token()
    {
        var built = AssemblyName.GetAssemblyName(Built.PluginAssembly);
        var token = Convert.ToHexStringLower(built.GetPublicKeyToken()!);
        var rootComponent = _core.RootComponents.Single(c => (string?)c.Attribute("type") == "91");

        Assert.NotEmpty(token);
        Assert.Equal(built.FullName, (string?)_core.PluginAssembly!.Attribute("FullName"));
        Assert.EndsWith("PublicKeyToken=" + token, built.FullName, StringComparison.Ordinal);
        Assert.Equal(built.FullName, (string?)rootComponent.Attribute("schemaName"));
        Assert.Equal("{" + AssemblyId + "}", (string?)rootComponent.Attribute("id"));
    }

    [Fact]
    public void The_packed_assembly_is_byte_identical_to_the_built_one()
    {
        Assert.Equal(File.ReadAllBytes(Built.PluginAssembly), _core.Entries[AssemblyEntry]);
    }

    [Fact]
    public void The_assembly_is_registered_sandboxed_from_the_database_at_the_path_it_has_in_the_zip()
    {
        var assembly = _core.PluginAssembly!;

        Assert.Equal(AssemblyId, (string?)assembly.Attribute("PluginAssemblyId"));
        Assert.Equal("2", (string?)assembly.Element("IsolationMode"));
        Assert.Equal("0", (string?)assembly.Element("SourceType"));
        Assert.Equal("/" + AssemblyEntry, (string?)assembly.Element("FileName"));
    }

    [Fact]
    public void The_core_root_components_are_the_assembly_and_its_steps()
    {
        Assert.Equal(
            new[] { ("91", "{" + AssemblyId + "}") }.Concat(StepComponents(_core)),
            _core.RootComponents.Select(c => ((string)c.Attribute("type")!, (string)c.Attribute("id")!)));
    }

    [Theory]
    [MemberData(nameof(ChannelSolutions))]
    public void A_channel_solution_root_components_are_its_steps_alone(string solution)
    {
        var package = SolutionPackage.OpenBuilt(solution);

        Assert.Equal(StepComponents(package), package.RootComponents.Select(c => ((string)c.Attribute("type")!, (string)c.Attribute("id")!)));
    }

    [Theory]
    [MemberData(nameof(Solutions))]
    public void Every_step_runs_a_public_plugin_type_of_the_core_assembly_that_implements_IPlugin(string solution)
    {
        var pluginTypes = _core.PluginAssembly!.Element("PluginTypes")!.Elements("PluginType").ToList();

        foreach (var step in SolutionPackage.OpenBuilt(solution).Steps)
        {
            var typeName = (string)step.Element("PluginTypeName")!;
            var declared = pluginTypes.Single(t => (string?)t.Attribute("AssemblyQualifiedName") == typeName);
            Assert.Equal((string?)declared.Attribute("PluginTypeId"), (string?)step.Element("PluginTypeId"));

            var name = (string)declared.Attribute("Name")!;
            Assert.Equal(name + ", " + (string?)_core.PluginAssembly!.Attribute("FullName"), typeName);
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
        var stepsOfMessage = PluginSteps.All.Where(s => s.Message == message).ToList();

        Assert.NotEmpty(stepsOfMessage);
        foreach (var registration in stepsOfMessage)
        {
            Assert.Equal(sdkMessageId, (string?)SolutionPackage.Shipping(registration.Name).Step(registration.Name).Element("SdkMessageId"));
        }
    }

    [Fact]
    public void The_ids_are_the_fixed_ones_of_the_solution_source_and_PluginSteps()
    {
        using var source = JsonDocument.Parse(File.ReadAllText(Path.Combine(Built.RepoRoot, "Solution", "SolutionDefinition.json")));

        Assert.Equal(source.RootElement.GetProperty("pluginAssembly").GetProperty("id").GetString(), (string?)_core.PluginAssembly!.Attribute("PluginAssemblyId"));
        foreach (var step in PluginSteps.All)
        {
            var packed = SolutionPackage.Shipping(step.Name).Step(step.Name);
            Assert.Equal("{" + step.Id.ToString("D") + "}", (string?)packed.Attribute("SdkMessageProcessingStepId"));
            var imageIds = step.PostImageId is { } image ? new[] { "{" + image.ToString("D") + "}" } : Array.Empty<string>();
            Assert.Equal(imageIds, packed.Descendants("SdkMessageProcessingStepImageId").Select(e => e.Value));
        }
    }

    [Fact]
    public void Packing_again_gives_the_same_bytes_for_every_zip_and_the_import_order()
    {
        var directory = Directory.CreateTempSubdirectory("solution-pack-");
        try
        {
            var run = Process.Start(new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                ArgumentList =
                {
                    "exec", Built.Packager,
                    "--definition", Path.Combine(Built.RepoRoot, "Solution", "SolutionDefinition.json"),
                    "--assembly", Built.PluginAssembly,
                    "--output", directory.FullName,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var errors = run.StandardError.ReadToEnd();
            run.WaitForExit();

            Assert.True(run.ExitCode == 0, errors);
            foreach (var file in SolutionPackage.Names.Append(SolutionPackage.PhoneHygiene).Select(name => name + ".zip").Append("import-order.txt"))
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(Built.SolutionDirectory, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(directory.FullName, file))),
                    $"{file} differs when packed again");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static (string Type, string Id)[] StepComponents(SolutionPackage package) =>
        package.Steps.Select(s => ("92", (string)s.Attribute("SdkMessageProcessingStepId")!)).ToArray();
}
