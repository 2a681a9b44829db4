using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Identification.Solution.Tests;

/// <summary>Where the build put what the tests inspect (paths the test project records at build time).</summary>
internal static class Built
{
    public static string RepoRoot => Metadata("RepoRoot");

    /// <summary>The folder Solution/ writes the solution zips and import-order.txt to.</summary>
    public static string SolutionDirectory => Metadata("SolutionDirectory");

    /// <summary>import-order.txt: the zips in import order, each with the tables it needs.</summary>
    public static string ImportOrder => Path.Combine(SolutionDirectory, "import-order.txt");

    /// <summary>The packager (Solution/'s console app).</summary>
    public static string Packager => Metadata("Packager");

    /// <summary>The signed net462 Identification.Plugins.dll, the assembly Dataverse runs.</summary>
    public static string PluginAssembly => Metadata("Net462PluginAssembly");

    private static string Metadata(string key)
    {
        var path = typeof(Built).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
        return Path.GetFullPath(path);
    }
}
