using System;
using System.Security.Cryptography;
using System.Text;

namespace Identification.Plugins.Links;

/// <summary>
/// RFC 4122 §4.3 name-based identifiers (version 5): the same namespace and name always give the same GUID, so the
/// plug-in can find (and create exactly once) the rows it owns on a conversation without recording their ids anywhere.
/// </summary>
public static class NameBasedGuid
{
    /// <summary>The namespace of every identifier the plug-in derives.</summary>
    public static readonly Guid PluginNamespace = new Guid("6b1f4c2e-8d3a-4e57-9a0b-3c5d7e9f1a24");

    public static Guid Create(Guid namespaceId, string name)
    {
        var space = NetworkOrder(namespaceId.ToByteArray());
        var text = Encoding.UTF8.GetBytes(name);
        var input = new byte[space.Length + text.Length];
        Buffer.BlockCopy(space, 0, input, 0, space.Length);
        Buffer.BlockCopy(text, 0, input, space.Length, text.Length);

        byte[] hash;
#pragma warning disable CA5350 // RFC 4122 version 5 is defined on SHA-1; this is an identifier, not a security control.
        using (var sha1 = SHA1.Create())
#pragma warning restore CA5350
        {
            hash = sha1.ComputeHash(input);
        }

        var bytes = new byte[16];
        Buffer.BlockCopy(hash, 0, bytes, 0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(NetworkOrder(bytes));
    }

    // Guid.ToByteArray stores the first three fields little-endian; the RFC hashes and lays them out big-endian.
    private static byte[] NetworkOrder(byte[] bytes)
    {
        Array.Reverse(bytes, 0, 4);
        Array.Reverse(bytes, 4, 2);
        Array.Reverse(bytes, 6, 2);
        return bytes;
    }
}
