using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>Points to a record by logical name and id (or alternate key); equal when both match.</summary>
public sealed class EntityReference : IExtensibleDataObject
{
    public EntityReference()
    {
        KeyAttributes = new KeyAttributeCollection();
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

    public KeyAttributeCollection KeyAttributes { get; set; }

    public string RowVersion { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    public override bool Equals(object obj) =>
        obj is EntityReference other
        && Id == other.Id
        && string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal);

    public override int GetHashCode() =>
        Id.GetHashCode() ^ (LogicalName == null ? 0 : StringComparer.Ordinal.GetHashCode(LogicalName));
}
