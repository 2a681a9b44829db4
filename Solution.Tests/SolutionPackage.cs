using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace Identification.Solution.Tests;

/// <summary>A built solution zip, opened: its entries and its two XML parts.</summary>
internal sealed class SolutionPackage
{
    public const string Core = "CustomerIdentification";
    public const string Sms = "CustomerIdentificationSms";
    public const string Voice = "CustomerIdentificationVoice";

    /// <summary>The optional phone number hygiene solution: written beside the others, imported only by choice.</summary>
    public const string PhoneHygiene = "CustomerIdentificationPhoneHygiene";

    private SolutionPackage(IReadOnlyDictionary<string, byte[]> entries)
    {
        Entries = entries;
    }

    /// <summary>The identification solutions the build writes, in the order they import (deploy.sh imports these).</summary>
    public static IReadOnlyList<string> Names { get; } = [Core, Sms, Voice];

    public IReadOnlyDictionary<string, byte[]> Entries { get; }

    public XDocument SolutionXml => Xml("solution.xml");

    public XDocument CustomizationsXml => Xml("customizations.xml");

    public XElement Manifest => SolutionXml.Root!.Element("SolutionManifest")!;

    public string UniqueName => (string)Manifest.Element("UniqueName")!;

    public IReadOnlyList<XElement> RootComponents => Manifest.Element("RootComponents")!.Elements("RootComponent").ToList();

    public IReadOnlyList<XElement> MissingDependencies => Manifest.Element("MissingDependencies")!.Elements("MissingDependency").ToList();

    /// <summary>The assembly the zip carries; only the core carries one.</summary>
    public XElement? PluginAssembly => CustomizationsXml.Root!.Element("SolutionPluginAssemblies")?.Elements("PluginAssembly").Single();

    public IReadOnlyList<XElement> Steps => CustomizationsXml.Root!.Element("SdkMessageProcessingSteps")!.Elements("SdkMessageProcessingStep").ToList();

    public IReadOnlyList<string> StepNames => Steps.Select(s => (string)s.Attribute("Name")!).ToList();

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

    /// <summary>The zip the build wrote for the solution of that unique name.</summary>
    public static SolutionPackage OpenBuilt(string uniqueName) => Open(Path.Combine(Built.SolutionDirectory, uniqueName + ".zip"));

    public static IReadOnlyList<SolutionPackage> AllBuilt() => Names.Select(OpenBuilt).ToList();

    /// <summary>The built zip that ships the step of that name.</summary>
    public static SolutionPackage Shipping(string stepName) => AllBuilt().Single(p => p.StepNames.Contains(stepName));

    public XDocument Xml(string entryName)
    {
        using var stream = new MemoryStream(Entries[entryName]);
        return XDocument.Load(stream);
    }
}
