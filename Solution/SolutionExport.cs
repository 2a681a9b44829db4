using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Identification.Plugins.Registration;

namespace Identification.Solution;

/// <summary>
/// Writes one solution of the source as an unmanaged zip in the layout of a current Dataverse export:
/// [Content_Types].xml, solution.xml (manifest, root components, missing dependencies), customizations.xml
/// (assembly and plug-in types in the core; steps and images) and, in the core, the assembly under PluginAssemblies/.
/// The same inputs always give the same bytes.
/// </summary>
internal static class SolutionExport
{
    // Solution component types, as solution.xml numbers them.
    private const int ComponentTypeEntity = 1;
    private const int ComponentTypePluginType = 90;
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
    public static string AssemblyEntryName(AssemblyDefinition assembly)
    {
        var fileName = assembly.Name.Replace(".", "", StringComparison.Ordinal);
        return $"PluginAssemblies/{fileName}-{assembly.Id.ToString("D").ToUpperInvariant()}/{fileName}.dll";
    }

    public static void Write(SolutionSource source, SolutionDefinition solution, BuiltAssembly assembly, string zipPath)
    {
        if (assembly.Name != source.PluginAssembly.Name)
            throw new PackagingException($"The built assembly is {assembly.Name}, the solution source declares {source.PluginAssembly.Name}.");

        var package = new Package(source, solution, assembly);
        var entries = new List<(string Name, byte[] Content)>
        {
            ("[Content_Types].xml", Serialize(ContentTypesXml(package))),
            ("solution.xml", Serialize(SolutionXml(package))),
            ("customizations.xml", Serialize(CustomizationsXml(package))),
        };
        if (package.CarriesAssembly)
        {
            entries.Add((AssemblyEntryName(source.PluginAssembly), assembly.Content));
            entries.AddRange(CustomApiEntries(source));
        }

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

    /// <summary>What one zip is made of: its solution, its steps, and whether it is the core that carries the assembly.</summary>
    private sealed class Package(SolutionSource source, SolutionDefinition solution, BuiltAssembly assembly)
    {
        public SolutionSource Source { get; } = source;
        public SolutionDefinition Solution { get; } = solution;
        public BuiltAssembly Assembly { get; } = assembly;
        public IReadOnlyList<StepDefinition> Steps { get; } = source.StepsOf(solution);
        public bool CarriesAssembly => ReferenceEquals(Solution, Source.Core);

        public PluginTypeDefinition PluginTypeOf(StepDefinition step) => Source.PluginAssembly.PluginTypes.Single(t => t.Name == step.PluginType);

        public TableDefinition TableOf(StepDefinition step) => Solution.Tables.Single(t => t.Name == step.Table);
    }

    // Only the extensions the zip holds: a channel solution has no dll.
    private static XDocument ContentTypesXml(Package package) =>
        new(new XElement(ContentTypes + "Types",
            new XElement(ContentTypes + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/octet-stream")),
            package.CarriesAssembly
                ? new XElement(ContentTypes + "Default", new XAttribute("Extension", "dll"), new XAttribute("ContentType", "application/octet-stream"))
                : null));

    private static XDocument SolutionXml(Package package)
    {
        var solution = package.Solution;
        var publisher = package.Source.Publisher;
        var declared = package.Source.PluginAssembly;
        var rootComponents = new XElement("RootComponents",
            package.CarriesAssembly
                ? new XElement("RootComponent",
                    new XAttribute("type", ComponentTypePluginAssembly),
                    new XAttribute("id", Braced(declared.Id)),
                    new XAttribute("schemaName", package.Assembly.FullName),
                    new XAttribute("behavior", 0))
                : null,
            package.Steps.Select(step => new XElement("RootComponent",
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
                new XElement("UniqueName", solution.UniqueName),
                LocalizedNames(solution.DisplayName),
                Descriptions(solution.Description),
                new XElement("Version", package.Assembly.Version),
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
                MissingDependencies(package))));
    }

    /// <summary>
    /// What the solution needs and does not carry, one Required/Dependent pair per need, as exports write them: each step
    /// needs the table it is registered on (from the solution that adds it), and the steps of a channel or optional
    /// solution need the plug-in type, which the core carries. Dataverse checks these before the import and names what is missing,
    /// instead of failing halfway on a message filter it cannot find.
    /// </summary>
    private static XElement MissingDependencies(Package package)
    {
        var core = package.Source.Core;
        return new XElement("MissingDependencies", package.Steps.SelectMany(step =>
        {
            var table = package.TableOf(step);
            var needs = new List<XElement>
            {
                new("Required",
                    new XAttribute("type", ComponentTypeEntity),
                    new XAttribute("schemaName", table.Name),
                    new XAttribute("displayName", table.DisplayName),
                    new XAttribute("solution", table.AddedBy)),
            };
            if (!package.CarriesAssembly)
            {
                var type = package.PluginTypeOf(step);
                needs.Add(new XElement("Required",
                    new XAttribute("type", ComponentTypePluginType),
                    new XAttribute("id", Braced(type.Id)),
                    new XAttribute("schemaName", type.Name),
                    new XAttribute("displayName", type.FriendlyName),
                    new XAttribute("solution", $"{core.UniqueName} ({package.Assembly.Version})")));
            }

            return needs.Select(required => new XElement("MissingDependency",
                required,
                new XElement("Dependent",
                    new XAttribute("type", ComponentTypeStep),
                    new XAttribute("id", Braced(step.Id)),
                    new XAttribute("displayName", step.Name))));
        }));
    }

    private static XDocument CustomizationsXml(Package package)
    {
        var declared = package.Source.PluginAssembly;
        var assembly = package.Assembly;
        var pluginAssembly = new XElement("PluginAssembly",
            new XAttribute("FullName", assembly.FullName),
            new XAttribute("PluginAssemblyId", declared.Id.ToString("D")),
            new XAttribute("CustomizationLevel", 1),
            new XElement("IsolationMode", 2), // Sandbox: the only mode Dataverse online allows.
            new XElement("SourceType", 0), // Database: the assembly travels inside the solution.
            new XElement("IntroducedVersion", IntroducedVersion),
            new XElement("FileName", "/" + AssemblyEntryName(declared)),
            new XElement("PluginTypes", declared.PluginTypes.Select(type => new XElement("PluginType",
                new XAttribute("AssemblyQualifiedName", $"{type.Name}, {assembly.FullName}"),
                new XAttribute("PluginTypeId", type.Id.ToString("D")),
                new XAttribute("Name", type.Name),
                new XElement("FriendlyName", type.FriendlyName)))));

        // Exports leave out the element of a component kind the solution has none of, as a channel solution has no assembly.
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
            package.CarriesAssembly ? new XElement("SolutionPluginAssemblies", pluginAssembly) : null,
            new XElement("SdkMessageProcessingSteps", package.Steps.Select(step => Step(package, step))),
            new XElement("EntityDataProviders"),
            new XElement("Languages", new XElement("Language", LanguageCode))));
    }

    // Element order follows current exports (SdkMessageId first). The step's enabled state is not part of an
    // export: the import decides it (pac solution import --activate-plugins, or the portal's default).
    private static XElement Step(Package package, StepDefinition step)
    {
        var type = package.PluginTypeOf(step);
        var configuration = package.Source.ConfigurationOf(package.Solution);
        return new XElement("SdkMessageProcessingStep",
            new XAttribute("Name", step.Name),
            new XAttribute("SdkMessageProcessingStepId", Braced(step.Id)),
            new XElement("SdkMessageId", SdkMessages.IdOf(step.Message).ToString("D")),
            new XElement("PluginTypeName", $"{type.Name}, {package.Assembly.FullName}"),
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

    /// <summary>
    /// The Custom API idf_IdentifyCustomer (<see cref="IdentifyCustomerApi"/>), in the core, in the layout of an export and
    /// of Microsoft's "custom API solution files" page: customapis/&lt;uniquename&gt;/customapi.xml, with one folder per request
    /// parameter (customapirequestparameters/&lt;uniquename&gt;/customapirequestparameter.xml) and per response property
    /// (customapiresponseproperties/&lt;uniquename&gt;/customapiresponseproperty.xml). Its plug-in type is named by its fixed
    /// id (plugintypeid), which the same zip gives the type. No step may be added to the message
    /// (allowedcustomprocessingsteptype 0): the API reads its configuration from the conversation step's registration,
    /// and nobody can bolt a step on that changes what it answers.
    /// </summary>
    public static IEnumerable<(string Name, byte[] Content)> CustomApiEntries(SolutionSource source)
    {
        var type = source.PluginAssembly.PluginTypes.SingleOrDefault(t => t.Name == IdentifyCustomerApi.PluginTypeName)
            ?? throw new PackagingException($"pluginAssembly.pluginTypes must declare {IdentifyCustomerApi.PluginTypeName}, the plug-in of {IdentifyCustomerApi.UniqueName}.");
        var folder = $"customapis/{IdentifyCustomerApi.UniqueName}/";
        yield return (folder + "customapi.xml", Serialize(new XDocument(new XElement("customapi",
            new XAttribute("uniquename", IdentifyCustomerApi.UniqueName),
            new XElement("allowedcustomprocessingsteptype", 0),
            new XElement("bindingtype", 0),
            new XElement("boundentitylogicalname"),
            Labelled("description", IdentifyCustomerApi.Description),
            Labelled("displayname", IdentifyCustomerApi.DisplayName),
            new XElement("executeprivilegename"),
            new XElement("iscustomizable", 0),
            new XElement("isfunction", 0),
            new XElement("isprivate", 0),
            new XElement("name", IdentifyCustomerApi.UniqueName),
            new XElement("plugintypeid", new XElement("plugintypeid", type.Id.ToString("D"))),
            new XElement("workflowsdkstepenabled", 0)))));
        foreach (var parameter in IdentifyCustomerApi.RequestParameters)
        {
            yield return ($"{folder}customapirequestparameters/{parameter.UniqueName}/customapirequestparameter.xml", Serialize(new XDocument(
                new XElement("customapirequestparameter",
                    new XAttribute("uniquename", parameter.UniqueName),
                    Labelled("description", parameter.Description),
                    Labelled("displayname", parameter.UniqueName),
                    new XElement("iscustomizable", 0),
                    new XElement("isoptional", parameter.IsOptional ? 1 : 0),
                    new XElement("logicalentityname"),
                    new XElement("name", IdentifyCustomerApi.UniqueName + "." + parameter.UniqueName),
                    new XElement("type", parameter.Type)))));
        }

        // A response property has no isoptional: Dataverse refuses the import if one has it.
        foreach (var property in IdentifyCustomerApi.ResponseProperties)
        {
            yield return ($"{folder}customapiresponseproperties/{property.UniqueName}/customapiresponseproperty.xml", Serialize(new XDocument(
                new XElement("customapiresponseproperty",
                    new XAttribute("uniquename", property.UniqueName),
                    Labelled("description", property.Description),
                    Labelled("displayname", property.UniqueName),
                    new XElement("iscustomizable", 0),
                    new XElement("logicalentityname"),
                    new XElement("name", IdentifyCustomerApi.UniqueName + "." + property.UniqueName),
                    new XElement("type", property.Type)))));
        }
    }

    private static XElement Labelled(string name, string text) =>
        new(name, new XAttribute("default", text), new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", LanguageCode)));

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
