using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>Points to a record by logical name and id, or alternate key; equal when all three match.</summary>
public sealed class EntityReference : IExtensibleDataObject
{
    private KeyAttributeCollection _keyAttributes;

    public EntityReference()
    {
    }

    public EntityReference(string logicalName)
        : this()
    {
        LogicalName = logicalName;
    }

    public EntityReference(string logicalName, Guid id)
        : this(logicalName)
    {
        Id = id;
    }

    public EntityReference(string logicalName, string keyName, object keyValue)
        : this(logicalName)
    {
        KeyAttributes[keyName] = keyValue;
    }

    public EntityReference(string logicalName, KeyAttributeCollection keyAttributeCollection)
        : this(logicalName)
    {
        KeyAttributes = keyAttributeCollection;
    }

    public Guid Id { get; set; }

    public string LogicalName { get; set; }

    public string Name { get; set; }

    /// <summary>The alternate key's values; set to null, it reads as a new empty collection, as in the real SDK.</summary>
    public KeyAttributeCollection KeyAttributes
    {
        get => _keyAttributes ??= new KeyAttributeCollection();
        set => _keyAttributes = value;
    }

    public string RowVersion { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    /// <summary>Equal when the logical names (exactly), the ids and the alternate keys match; Name and RowVersion don't count.</summary>
    public override bool Equals(object obj) =>
        obj is EntityReference other
        && Id == other.Id
        && string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal)
        && SameKeys(KeyAttributes, other.KeyAttributes);

    public override int GetHashCode()
    {
        var hash = Id.GetHashCode() ^ (LogicalName == null ? 0 : StringComparer.Ordinal.GetHashCode(LogicalName));

        // Order-independent, like the comparison: the same key values in any order give the same hash.
        foreach (var key in KeyAttributes)
        {
            hash ^= StringComparer.Ordinal.GetHashCode(key.Key) ^ (key.Value?.GetHashCode() ?? 0);
        }

        return hash;
    }

    private static bool SameKeys(KeyAttributeCollection keys, KeyAttributeCollection others)
    {
        if (keys.Count != others.Count)
        {
            return false;
        }

        foreach (var key in keys)
        {
            if (!others.TryGetValue(key.Key, out var other) || !Equals(key.Value, other))
            {
                return false;
            }
        }

        return true;
    }
}
