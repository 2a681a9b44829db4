namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The Upsert message: updates the row <see cref="Target"/> names (by id or alternate key), or creates it when there is none.</summary>
public sealed class UpsertRequest : OrganizationRequest
{
    public UpsertRequest()
    {
        RequestName = "Upsert";
        Target = null;
    }

    public Entity Target
    {
        get => GetParameter<Entity>(nameof(Target));
        set => Parameters[nameof(Target)] = value;
    }
}
