using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Identification.Solution;

/// <summary>
/// Writes an unmanaged solution zip in the layout of a current Dataverse export: [Content_Types].xml,
/// solution.xml (manifest and root components), customizations.xml (assembly, plug-in types, steps, images)
/// and the assembly under PluginAssemblies/. The same inputs always give the same bytes.
/// </summary>
internal static class SolutionExport
{
    private const int ComponentTypePluginAssembly = 91;
    private const int ComponentTypeStep = 92;
    private const int EventHandlerTypePluginType = 4602;
    private const string LanguageCode = "1033";
    private const string IntroducedVersion = "1.0";

    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";

    // Zip entries carry a timestamp; a fixed one keeps the zip byte-identical across builds.
    private static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // A publisher's two addresses, empty, field by field as exports write them (ShippingMethodCode sits between).
    private static readonly string[] AddressFieldsBeforeShipping =
    [
        "City", "County", "Country", "Fax", "FreightTermsCode", "ImportSequenceNumber", "Latitude", "Line1", "Line2",
        "Line3", "Longitude", "Name", "PostalCode", "PostOfficeBox", "PrimaryContactName",
    ];

    private static readonly string[] AddressFieldsAfterShipping =
    [
        "StateOrProvince", "Telephone1", "Telephone2", "Telephone3", "TimeZoneRuleVersionNumber", "UPSZone", "UTCOffset",
        "UTCConversionTimeZoneCode",
    ];

    /// <summary>
    /// Where the assembly sits in the zip, as current exports name it: PluginAssemblies/NameWithoutPeriods-GUID/NameWithoutPeriods.dll
    /// (an export of DVerse.Plugins writes PluginAssemblies/DVersePlugins-5AF6F42C-…/DVersePlugins.dll). The import reads the
    /// path from FileName, so the name only has to match what an export would write.
    /// </summary>
    public static string AssemblyEntryName(SolutionDefinition definition)
    {
        var fileName = definition.PluginAssembly.Name.Replace(".", "", StringComparison.Ordinal);
        return $"PluginAssemblies/{fileName}-{definition.PluginAssembly.Id.ToString("D").ToUpperInvariant()}/{fileName}.dll";
    }

    public static void Write(SolutionDefinition definition, BuiltAssembly assembly, string zipPath)
    {
        if (assembly.Name != definition.PluginAssembly.Name)
            throw new PackagingException($"The built assembly is {assembly.Name}, the solution source declares {definition.PluginAssembly.Name}.");

        var entries = new List<(string Name, byte[] Content)>
        {
            ("[Content_Types].xml", Serialize(ContentTypesXml())),
            ("solution.xml", Serialize(SolutionXml(definition, assembly))),
            ("customizations.xml", Serialize(CustomizationsXml(definition, assembly))),
            (AssemblyEntryName(definition), assembly.Content),
        };

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        var temporary = zipPath + ".tmp";
        using (var file = File.Create(temporary))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTimestamp;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        File.Move(temporary, zipPath, overwrite: true);
    }

    private static XDocument ContentTypesXml() =>
        new(new XElement(ContentTypes + "Types",
            new XElement(ContentTypes + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/octet-stream")),
            new XElement(ContentTypes + "Default", new XAttribute("Extension", "dll"), new XAttribute("ContentType", "application/octet-stream"))));

    private static XDocument SolutionXml(SolutionDefinition definition, BuiltAssembly assembly)
    {
        var publisher = definition.Publisher;
        var rootComponents = new XElement("RootComponents",
            new XElement("RootComponent",
                new XAttribute("type", ComponentTypePluginAssembly),
                new XAttribute("id", Braced(definition.PluginAssembly.Id)),
                new XAttribute("schemaName", assembly.FullName),
                new XAttribute("behavior", 0)),
            definition.Steps.Select(step => new XElement("RootComponent",
                new XAttribute("type", ComponentTypeStep),
                new XAttribute("id", Braced(step.Id)),
                new XAttribute("behavior", 0))));

        return new XDocument(new XElement("ImportExportXml",
            new XAttribute("version", "9.2.0.0"),
            new XAttribute("SolutionPackageVersion", "9.2"),
            new XAttribute("languagecode", LanguageCode),
            new XAttribute("generatedBy", "CrmLive"),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XElement("SolutionManifest",
                new XElement("UniqueName", definition.UniqueName),
                LocalizedNames(definition.DisplayName),
                Descriptions(definition.Description),
                new XElement("Version", assembly.Version),
                new XElement("Managed", 0),
                new XElement("Publisher",
                    new XElement("UniqueName", publisher.UniqueName),
                    LocalizedNames(publisher.DisplayName),
                    new XElement("Descriptions"),
                    Nil("EMailAddress"),
                    Nil("SupportingWebsiteUrl"),
                    new XElement("CustomizationPrefix", publisher.CustomizationPrefix),
                    new XElement("CustomizationOptionValuePrefix", publisher.OptionValuePrefix.ToString(CultureInfo.InvariantCulture)),
                    new XElement("Addresses", Address(1), Address(2))),
                rootComponents,
                new XElement("MissingDependencies"))));
    }

    private static XDocument CustomizationsXml(SolutionDefinition definition, BuiltAssembly assembly)
    {
        var declared = definition.PluginAssembly;
        var pluginAssembly = new XElement("PluginAssembly",
            new XAttribute("FullName", assembly.FullName),
            new XAttribute("PluginAssemblyId", declared.Id.ToString("D")),
            new XAttribute("CustomizationLevel", 1),
            new XElement("IsolationMode", 2), // Sandbox: the only mode Dataverse online allows.
            new XElement("SourceType", 0), // Database: the assembly travels inside the solution.
            new XElement("IntroducedVersion", IntroducedVersion),
            new XElement("FileName", "/" + AssemblyEntryName(definition)),
            new XElement("PluginTypes", declared.PluginTypes.Select(type => new XElement("PluginType",
                new XAttribute("AssemblyQualifiedName", $"{type.Name}, {assembly.FullName}"),
                new XAttribute("PluginTypeId", type.Id.ToString("D")),
                new XAttribute("Name", type.Name),
                new XElement("FriendlyName", type.FriendlyName)))));

        return new XDocument(new XElement("ImportExportXml",
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XElement("Entities"),
            new XElement("Roles"),
            new XElement("Workflows"),
            new XElement("FieldSecurityProfiles"),
            new XElement("Templates"),
            new XElement("EntityMaps"),
            new XElement("EntityRelationships"),
            new XElement("OrganizationSettings"),
            new XElement("optionsets"),
            new XElement("CustomControls"),
            new XElement("SolutionPluginAssemblies", pluginAssembly),
            new XElement("SdkMessageProcessingSteps", definition.Steps.Select(step => Step(definition, assembly, step))),
            new XElement("EntityDataProviders"),
            new XElement("Languages", new XElement("Language", LanguageCode))));
    }

    // Element order follows current exports (SdkMessageId first). The step's enabled state is not part of an
    // export: the import decides it (pac solution import --activate-plugins, or the portal's default).
    private static XElement Step(SolutionDefinition definition, BuiltAssembly assembly, StepDefinition step)
    {
        var type = definition.PluginAssembly.PluginTypes.Single(t => t.Name == step.PluginType);
        var configuration = definition.Configuration;
        return new XElement("SdkMessageProcessingStep",
            new XAttribute("Name", step.Name),
            new XAttribute("SdkMessageProcessingStepId", Braced(step.Id)),
            new XElement("SdkMessageId", SdkMessages.IdOf(step.Message).ToString("D")),
            new XElement("PluginTypeName", $"{type.Name}, {assembly.FullName}"),
            new XElement("PluginTypeId", type.Id.ToString("D")),
            new XElement("PrimaryEntity", step.Table),
            // Successful async jobs are deleted, so identification does not fill the system job table.
            new XElement("AsyncAutoDelete", step.Mode == StepMode.Asynchronous ? 1 : 0),
            configuration == null ? null : new XElement("Configuration", configuration),
            new XElement("Description", step.Description),
            new XElement("FilteringAttributes", string.Join(",", step.FilteringAttributes)),
            new XElement("InvocationSource", 0),
            new XElement("Mode", (int)step.Mode),
            new XElement("Rank", step.Rank),
            new XElement("EventHandlerTypeCode", EventHandlerTypePluginType),
            new XElement("Stage", (int)step.Stage),
            new XElement("IsCustomizable", 1),
            new XElement("IsHidden", 0),
            new XElement("SupportedDeployment", 0), // Server only.
            new XElement("IntroducedVersion", IntroducedVersion),
            new XElement("SdkMessageProcessingStepImages", step.Images.Select(image => new XElement("SdkMessageProcessingStepImage",
                new XAttribute("Name", image.Name),
                new XElement("SdkMessageProcessingStepImageId", Braced(image.Id)),
                new XElement("Attributes", string.Join(",", image.Attributes)),
                new XElement("EntityAlias", image.EntityAlias),
                new XElement("ImageType", (int)image.Type),
                new XElement("MessagePropertyName", SdkMessages.ImagePropertyOf(step.Message)),
                new XElement("IsCustomizable", 1)))));
    }

    private static XElement LocalizedNames(string name) =>
        new("LocalizedNames", new XElement("LocalizedName", new XAttribute("description", name), new XAttribute("languagecode", LanguageCode)));

    private static XElement Descriptions(string description) =>
        description.Length == 0
            ? new XElement("Descriptions")
            : new XElement("Descriptions", new XElement("Description", new XAttribute("description", description), new XAttribute("languagecode", LanguageCode)));

    private static XElement Address(int number) =>
        new("Address",
            new XElement("AddressNumber", number),
            new XElement("AddressTypeCode", 1),
            AddressFieldsBeforeShipping.Select(Nil),
            new XElement("ShippingMethodCode", 1),
            AddressFieldsAfterShipping.Select(Nil));

    private static XElement Nil(string name) => new(name, new XAttribute(Xsi + "nil", "true"));

    private static string Braced(Guid id) => id.ToString("B");

    private static byte[] Serialize(XDocument document)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
        };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            document.Save(writer);
        }

        return buffer.ToArray();
    }
}
