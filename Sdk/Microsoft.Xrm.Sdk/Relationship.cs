using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>Names a relationship (and, if self-referencing, the role); equal when both match.</summary>
public sealed class Relationship : IExtensibleDataObject
{
    public Relationship()
    {
    }

    public Relationship(string schemaName)
    {
        SchemaName = schemaName;
    }

    public string SchemaName { get; set; }

    public EntityRole? PrimaryEntityRole { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    public override bool Equals(object obj) =>
        obj is Relationship other
        && string.Equals(SchemaName, other.SchemaName, StringComparison.Ordinal)
        && PrimaryEntityRole == other.PrimaryEntityRole;

    public override int GetHashCode() =>
        (SchemaName == null ? 0 : StringComparer.Ordinal.GetHashCode(SchemaName)) ^ PrimaryEntityRole.GetHashCode();

    /// <summary>"schema.role", as the real SDK prints it: "contact_customer_accounts." when there is no role.</summary>
    public override string ToString() => SchemaName + "." + PrimaryEntityRole;
}
