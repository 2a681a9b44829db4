using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Identification.Solution.Tests;

/// <summary>
/// Reads a type of a .NET Framework assembly from its metadata, without loading it: the net462 plug-in references
/// Microsoft.Xrm.Sdk 9.0.0.0, which the test process could not bind.
/// </summary>
internal static class PluginTypeInspector
{
    /// <summary>The type's visibility and the interfaces it implements, its own and those of base types in the same assembly.</summary>
    public sealed record TypeFacts(bool IsPublic, bool IsAbstract, IReadOnlyList<string> Interfaces);

    /// <summary>Interfaces are named "Namespace.Name, AssemblyName"; null when the assembly has no such type.</summary>
    public static TypeFacts? Inspect(string assemblyPath, string fullTypeName)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var self = metadata.GetString(metadata.GetAssemblyDefinition().Name);

        var handle = metadata.TypeDefinitions.FirstOrDefault(h => FullName(metadata, metadata.GetTypeDefinition(h)) == fullTypeName);
        if (handle.IsNil) return null;

        var type = metadata.GetTypeDefinition(handle);
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        var interfaces = new List<string>();
        for (TypeDefinitionHandle current = handle; !current.IsNil;)
        {
            var definition = metadata.GetTypeDefinition(current);
            interfaces.AddRange(definition.GetInterfaceImplementations()
                .Select(i => Name(metadata, metadata.GetInterfaceImplementation(i).Interface, self)));
            current = definition.BaseType.Kind == HandleKind.TypeDefinition ? (TypeDefinitionHandle)definition.BaseType : default;
        }

        return new TypeFacts(visibility == TypeAttributes.Public, (type.Attributes & TypeAttributes.Abstract) != 0, interfaces);
    }

    private static string FullName(MetadataReader metadata, TypeDefinition type)
    {
        var ns = metadata.GetString(type.Namespace);
        var name = metadata.GetString(type.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static string Name(MetadataReader metadata, EntityHandle handle, string self)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return FullName(metadata, metadata.GetTypeDefinition((TypeDefinitionHandle)handle)) + ", " + self;
            case HandleKind.TypeReference:
                var reference = metadata.GetTypeReference((TypeReferenceHandle)handle);
                var ns = metadata.GetString(reference.Namespace);
                var name = (ns.Length == 0 ? "" : ns + ".") + metadata.GetString(reference.Name);
                var assembly = reference.ResolutionScope.Kind == HandleKind.AssemblyReference
                    ? metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name)
                    : "?";
                return name + ", " + assembly;
            default:
                return "(generic or other: " + handle.Kind + ")";
        }
    }
}
