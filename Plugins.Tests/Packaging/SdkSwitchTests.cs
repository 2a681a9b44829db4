using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Xunit;

namespace Identification.Plugins.Tests.Packaging;

/// <summary>
/// -p:DataverseSdk=Official compiles the plug-in against Microsoft's packages instead of our surface. Those packages
/// are not on this project's feed, so the test evaluates the project (no restore) and checks what it would reference.
/// </summary>
public class SdkSwitchTests
{
    private static string PluginsProject => typeof(SdkSwitchTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PluginsProject").Value!;

    [Theory]
    [InlineData("net462", "Microsoft.CrmSdk.CoreAssemblies")]
    [InlineData("net10.0", "Microsoft.PowerPlatform.Dataverse.Client")]
    public void The_official_switch_references_Microsofts_package_instead_of_the_surface(string framework, string package)
    {
        var (packages, projects) = References(framework, "-p:DataverseSdk=Official");

        Assert.Contains(package, packages);
        Assert.DoesNotContain(projects, p => p.Contains("Microsoft.Xrm.Sdk", System.StringComparison.Ordinal));
    }

    [Fact]
    public void By_default_the_plugin_compiles_against_the_surface_without_copying_it()
    {
        var (packages, projects) = References("net462");

        Assert.DoesNotContain("Microsoft.CrmSdk.CoreAssemblies", packages);
        Assert.Equal("../Sdk/Microsoft.Xrm.Sdk/Microsoft.Xrm.Sdk.csproj", Assert.Single(projects).Replace('\\', '/'));
    }

    private static (string[] Packages, string[] Projects) References(string framework, params string[] properties)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "msbuild", PluginsProject, "-p:TargetFramework=" + framework, "-getItem:PackageReference", "-getItem:ProjectReference" }.Concat(properties))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "dotnet msbuild failed: " + output + process.StandardError.ReadToEnd());

        using var json = JsonDocument.Parse(output);
        var items = json.RootElement.GetProperty("Items");
        return (Identities(items, "PackageReference"), Identities(items, "ProjectReference"));
    }

    private static string[] Identities(JsonElement items, string kind) =>
        items.TryGetProperty(kind, out var list) ? list.EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!).ToArray() : [];
}
