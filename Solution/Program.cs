using System;
using System.IO;

namespace Identification.Solution;

/// <summary>Packs the solution: Identification.Solution --definition &lt;json&gt; --assembly &lt;dll&gt; --output &lt;zip&gt;.</summary>
internal static class Program
{
    private const string Usage = "usage: Identification.Solution --definition <SolutionDefinition.json> --assembly <Identification.Plugins.dll> --output <solution.zip>";

    public static int Main(string[] args)
    {
        string? definitionPath = null, assemblyPath = null, outputPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--definition": definitionPath = value; i++; break;
                case "--assembly": assemblyPath = value; i++; break;
                case "--output": outputPath = value; i++; break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        if (definitionPath == null || assemblyPath == null || outputPath == null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            var definition = SolutionDefinition.Load(definitionPath);
            var assembly = BuiltAssembly.Read(assemblyPath);
            SolutionExport.Write(definition, assembly, outputPath);
            Console.WriteLine($"{definition.UniqueName} {assembly.Version} (unmanaged) -> {Path.GetFullPath(outputPath)}");
            return 0;
        }
        catch (Exception ex) when (ex is PackagingException or IOException or UnauthorizedAccessException)
        {
            // MSBuild's Exec shows "error:" lines as build errors.
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
