namespace Microsoft.Xrm.Sdk;

/// <summary>Related records of an entity, by relationship.</summary>
public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection>
{
    public RelatedEntityCollection()
    {
    }

    public override bool IsReadOnly
    {
        get => base.IsReadOnly;
        internal set => base.IsReadOnly = value;
    }
}
