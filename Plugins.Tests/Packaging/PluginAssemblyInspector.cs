using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Identification.Plugins.Tests.Packaging;

/// <summary>Reads a built plug-in assembly from disk and lists everything Dataverse's sandbox would reject.</summary>
internal static class PluginAssemblyInspector
{
    public const long MaximumBytes = 16L * 1024 * 1024;
    public const string SdkToken = "31bf3856ad364e35";

    // Tokens of Microsoft's .NET Framework assemblies (ECMA, Microsoft, and the one shared with the Dataverse SDK).
    private static readonly HashSet<string> FrameworkTokens = new(StringComparer.OrdinalIgnoreCase)
    {
        "b77a5c561934e089", "b03f5f7f11d50a3a", "31bf3856ad364e35",
    };

    public static IReadOnlyList<string> Problems(string path)
    {
        var problems = new List<string>();
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return new[] { "no assembly at " + path };
        }

        if (file.Length >= MaximumBytes)
        {
            problems.Add($"{file.Length} bytes: Dataverse takes assemblies under 16 MB");
        }

        if (File.Exists(Path.Combine(file.DirectoryName!, "Microsoft.Xrm.Sdk.dll")))
        {
            problems.Add("Microsoft.Xrm.Sdk.dll is copied beside the plug-in; Dataverse supplies the SDK");
        }

        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var definition = metadata.GetAssemblyDefinition();
        if (definition.PublicKey.IsNil || (pe.PEHeaders.CorHeader!.Flags & CorFlags.StrongNameSigned) == 0)
        {
            problems.Add("not strong-name signed");
        }

        var framework = TargetFramework(metadata);
        if (framework != ".NETFramework,Version=v4.6.2")
        {
            problems.Add("targets " + (framework ?? "an unknown framework") + ", not .NET Framework 4.6.2");
        }

        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle).GetAssemblyName();
            var token = Token(reference);
            if (reference.Name == "Microsoft.Xrm.Sdk")
            {
                if (reference.Version != new Version(9, 0, 0, 0) || token != SdkToken)
                {
                    problems.Add($"references {reference.FullName}; expected Microsoft.Xrm.Sdk, Version=9.0.0.0, PublicKeyToken={SdkToken}");
                }
            }
            else if (!IsFrameworkAssembly(reference, token))
            {
                problems.Add("references " + reference.FullName + ", which is not part of .NET Framework");
            }
        }

        return problems;
    }

    public static AssemblyName Name(string path) => AssemblyName.GetAssemblyName(path);

    private static bool IsFrameworkAssembly(AssemblyName reference, string token) =>
        FrameworkTokens.Contains(token)
        && reference.Version == new Version(4, 0, 0, 0)
        && (reference.Name == "mscorlib" || reference.Name == "System" || reference.Name!.StartsWith("System.", StringComparison.Ordinal));

    private static string Token(AssemblyName name) =>
        Convert.ToHexString(name.GetPublicKeyToken() ?? Array.Empty<byte>()).ToLowerInvariant();

    private static string? TargetFramework(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var type = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (metadata.GetString(type.Name) != "TargetFrameworkAttribute")
            {
                continue;
            }

            // Blob: prolog 0x0001, then the SerString of the first constructor argument.
            var blob = metadata.GetBlobReader(attribute.Value);
            blob.ReadUInt16();
            return blob.ReadSerializedString();
        }

        return null;
    }
}
