using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Identification.Plugins.Tests.Packaging;

/// <summary>The net462 assembly is what Dataverse loads: signed, .NET Framework 4.6.2, bound to the real SDK.</summary>
public class PluginAssemblyTests
{
    private static string Net462Assembly => typeof(PluginAssemblyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Net462PluginAssembly").Value!;

    [Fact]
    public void The_net462_plugin_assembly_passes_every_sandbox_check()
    {
        Assert.Empty(PluginAssemblyInspector.Problems(Net462Assembly));
    }

    [Fact]
    public void The_plugin_assembly_binds_to_the_real_sdk_identity()
    {
        var sdk = typeof(ConversationIdentificationPlugin).Assembly.GetReferencedAssemblies().Single(a => a.Name == "Microsoft.Xrm.Sdk");

        Assert.Equal("Microsoft.Xrm.Sdk, Version=9.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35", sdk.FullName);
    }

    [Fact]
    public void The_plugin_assembly_is_signed_with_the_committed_key()
    {
        var token = PluginAssemblyInspector.Name(Net462Assembly).GetPublicKeyToken();

        Assert.NotNull(token);
        Assert.Equal(8, token!.Length);
    }

    [Fact]
    public void The_inspector_rejects_an_assembly_for_current_dotnet()
    {
        // The net10.0 build references System.Runtime 10.0: exactly the stray reference the sandbox refuses.
        var problems = PluginAssemblyInspector.Problems(typeof(ConversationIdentificationPlugin).Assembly.Location);

        Assert.Contains(problems, p => p.Contains("not .NET Framework 4.6.2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("System.Runtime", StringComparison.Ordinal) && p.Contains("not part of .NET Framework", StringComparison.Ordinal));
    }

    [Fact]
    public void The_inspector_rejects_an_unsigned_assembly_with_the_sdk_beside_it()
    {
        // The test assembly itself is unsigned, and the test output holds Microsoft.Xrm.Sdk.dll (the surface, for running tests).
        var problems = PluginAssemblyInspector.Problems(typeof(PluginAssemblyTests).Assembly.Location);

        Assert.Contains("not strong-name signed", problems);
        Assert.Contains(problems, p => p.StartsWith("Microsoft.Xrm.Sdk.dll is copied beside", StringComparison.Ordinal));
    }

    [Fact]
    public void The_inspector_reports_a_missing_assembly()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".dll");

        Assert.Equal(new[] { "no assembly at " + missing }, PluginAssemblyInspector.Problems(missing));
    }
}
