namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of RetrieveMultiple: the records (result "EntityCollection").</summary>
public sealed class RetrieveMultipleResponse : OrganizationResponse
{
    // ResponseName stays null: the real SDK leaves it to whoever fills the response (the service sets it).
    public RetrieveMultipleResponse()
    {
    }

    public EntityCollection EntityCollection => GetResult<EntityCollection>(nameof(EntityCollection));
}
