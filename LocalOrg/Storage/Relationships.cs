using System;

namespace Identification.LocalOrg;

/// <summary>
/// A one-to-many relationship, as OneToManyRelationshipMetadata describes it: each row of
/// <see cref="ReferencingEntity"/> may point at one row of <see cref="ReferencedEntity"/> through its lookup
/// <see cref="ReferencingAttribute"/> (e.g. contact_customer_accounts: account → contact.parentcustomerid).
/// </summary>
public sealed record OneToManyRelationship(string SchemaName, string ReferencedEntity, string ReferencingEntity, string ReferencingAttribute);

/// <summary>
/// A many-to-many relationship, as ManyToManyRelationshipMetadata describes it: each pair of associated rows is one
/// row of <see cref="IntersectEntityName"/> holding both ids (Guid columns named by the two intersect attributes).
/// </summary>
public sealed record ManyToManyRelationship(
    string SchemaName,
    string IntersectEntityName,
    string Entity1LogicalName,
    string Entity1IntersectAttribute,
    string Entity2LogicalName,
    string Entity2IntersectAttribute);

/// <summary>Which side of a registered relationship a row is on, for one Associate, Disassociate or deep insert.</summary>
internal static class RelationshipSides
{
    /// <summary>
    /// True when the row of <paramref name="table"/> is entity 1 (N:N) or the referenced row (1:N). A self-referencing
    /// relationship needs the role: Referenced makes the row the referenced one (1:N) or entity 2 (N:N).
    /// </summary>
    public static bool IsFirstSide(object relationship, string table, string otherTable, Microsoft.Xrm.Sdk.EntityRole? role)
    {
        var (first, second, name) = relationship switch
        {
            OneToManyRelationship one => (one.ReferencedEntity, one.ReferencingEntity, one.SchemaName),
            ManyToManyRelationship many => (many.Entity1LogicalName, many.Entity2LogicalName, many.SchemaName),
            _ => throw new ArgumentException("Not a relationship.", nameof(relationship)),
        };
        if (first == second && table == first && otherTable == first)
        {
            return (relationship, role) switch
            {
                (OneToManyRelationship, null) => throw Faults.Invalid(
                    $"The relationship {name} references its own table: set Relationship.PrimaryEntityRole (Referenced for the parent row, Referencing for the child)."),
                (OneToManyRelationship, var r) => r == Microsoft.Xrm.Sdk.EntityRole.Referenced,
                (_, var r) => r != Microsoft.Xrm.Sdk.EntityRole.Referenced,
            };
        }

        if (table == first && otherTable == second)
        {
            return true;
        }

        if (table == second && otherTable == first)
        {
            return false;
        }

        throw Faults.Invalid($"The relationship {name} joins {first} and {second}, not {table} and {otherTable}.");
    }
}
