namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of Upsert: whether a row was created (result "RecordCreated") and which row (result "Target").</summary>
public sealed class UpsertResponse : OrganizationResponse
{
    // ResponseName stays null: the real SDK leaves it to whoever fills the response (the service sets it).
    public UpsertResponse()
    {
    }

    public bool RecordCreated => GetResult<bool>(nameof(RecordCreated));

    public EntityReference Target => GetResult<EntityReference>(nameof(Target));
}
