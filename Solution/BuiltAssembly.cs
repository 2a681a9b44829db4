using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;

namespace Identification.Solution;

/// <summary>What the export needs from the built plug-in assembly, read from the file itself.</summary>
internal sealed class BuiltAssembly
{
    private BuiltAssembly(string name, string fullName, string version, byte[] content)
    {
        Name = name;
        FullName = fullName;
        Version = version;
        Content = content;
    }

    /// <summary>Simple name, e.g. Identification.Plugins.</summary>
    public string Name { get; }

    /// <summary>Name, Version, Culture and PublicKeyToken: the identity Dataverse registers.</summary>
    public string FullName { get; }

    /// <summary>The solution version: the assembly's file version (its assembly version if it has none).</summary>
    public string Version { get; }

    public byte[] Content { get; }

    public static BuiltAssembly Read(string path)
    {
        if (!File.Exists(path)) throw new PackagingException($"The plug-in assembly {path} does not exist; build Plugins for net462 first.");

        AssemblyName name;
        try
        {
            name = AssemblyName.GetAssemblyName(path);
        }
        catch (BadImageFormatException ex)
        {
            throw new PackagingException($"{path} is not a .NET assembly: {ex.Message}", ex);
        }

        var token = name.GetPublicKeyToken();
        if (token == null || token.Length == 0)
            throw new PackagingException($"{name.FullName} is not strong-name signed; Dataverse registers only signed assemblies.");

        // Dataverse updates a registered assembly in place while major.minor of its assembly version stay the
        // same, so releases bump the file version; the solution version follows it.
        var fileVersion = FileVersionInfo.GetVersionInfo(path).FileVersion;
        var version = System.Version.TryParse(fileVersion, out var parsed) ? parsed : name.Version;
        if (version == null) throw new PackagingException($"{path} carries no version.");

        return new BuiltAssembly(name.Name!, name.FullName, version.ToString(), File.ReadAllBytes(path));
    }
}
