namespace Microsoft.Xrm.Sdk;

/// <summary>Related records of an entity, by relationship.</summary>
public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection>
{
    // The listing declares no public constructor: only an Entity creates its related-entity collection.
    internal RelatedEntityCollection()
    {
    }

    public override bool IsReadOnly
    {
        get => base.IsReadOnly;
        internal set => base.IsReadOnly = value;
    }
}
