namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The Disassociate message: unlinks <see cref="Target"/> and <see cref="RelatedEntities"/> through <see cref="Relationship"/>.</summary>
public sealed class DisassociateRequest : OrganizationRequest
{
    public DisassociateRequest()
    {
        RequestName = "Disassociate";
        Target = null;
        Relationship = null;
        RelatedEntities = null;
    }

    public EntityReference Target
    {
        get => GetParameter<EntityReference>(nameof(Target));
        set => Parameters[nameof(Target)] = value;
    }

    public Relationship Relationship
    {
        get => GetParameter<Relationship>(nameof(Relationship));
        set => Parameters[nameof(Relationship)] = value;
    }

    public EntityReferenceCollection RelatedEntities
    {
        get => GetParameter<EntityReferenceCollection>(nameof(RelatedEntities));
        set => Parameters[nameof(RelatedEntities)] = value;
    }
}
