using System;
using System.IO;

namespace Identification.Solution;

/// <summary>Packs the solutions: Identification.Solution --definition &lt;json&gt; --assembly &lt;dll&gt; --output &lt;folder&gt;.</summary>
internal static class Program
{
    private const string Usage = "usage: Identification.Solution --definition <SolutionDefinition.json> --assembly <Identification.Plugins.dll> --output <folder for the zips>";

    public static int Main(string[] args)
    {
        string? definitionPath = null, assemblyPath = null, outputDirectory = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--definition": definitionPath = value; i++; break;
                case "--assembly": assemblyPath = value; i++; break;
                case "--output": outputDirectory = value; i++; break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        if (definitionPath == null || assemblyPath == null || outputDirectory == null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            if (File.Exists(outputDirectory))
                throw new PackagingException($"--output names the folder for the zips, and {outputDirectory} is a file.");

            var source = SolutionSource.Load(definitionPath);
            var assembly = BuiltAssembly.Read(assemblyPath);
            Directory.CreateDirectory(outputDirectory);
            foreach (var solution in source.Solutions)
            {
                var zipPath = Path.GetFullPath(Path.Combine(outputDirectory, solution.ZipFileName));
                SolutionExport.Write(source, solution, assembly, zipPath);
                Console.WriteLine($"{solution.UniqueName} {assembly.Version} (unmanaged) -> {zipPath}");
            }

            ImportOrder.Write(source, outputDirectory);
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
