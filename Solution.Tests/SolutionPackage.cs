using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace Identification.Solution.Tests;

/// <summary>The built solution zip, opened: its entries and its two XML parts.</summary>
internal sealed class SolutionPackage
{
    private SolutionPackage(IReadOnlyDictionary<string, byte[]> entries)
    {
        Entries = entries;
    }

    public IReadOnlyDictionary<string, byte[]> Entries { get; }

    public XDocument SolutionXml => Xml("solution.xml");

    public XDocument CustomizationsXml => Xml("customizations.xml");

    public XElement Manifest => SolutionXml.Root!.Element("SolutionManifest")!;

    public XElement PluginAssembly => CustomizationsXml.Root!.Element("SolutionPluginAssemblies")!.Elements("PluginAssembly").Single();

    public IReadOnlyList<XElement> Steps => CustomizationsXml.Root!.Element("SdkMessageProcessingSteps")!.Elements("SdkMessageProcessingStep").ToList();

    public XElement Step(string name) => Steps.Single(s => (string?)s.Attribute("Name") == name);

    public static SolutionPackage Open(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            entries.Add(entry.FullName, buffer.ToArray());
        }

        return new SolutionPackage(entries);
    }

    public static SolutionPackage OpenBuilt() => Open(Built.SolutionZip);

    public XDocument Xml(string entryName)
    {
        using var stream = new MemoryStream(Entries[entryName]);
        return XDocument.Load(stream);
    }
}
