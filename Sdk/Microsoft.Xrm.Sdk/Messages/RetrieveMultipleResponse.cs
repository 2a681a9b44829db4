namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of RetrieveMultiple: the records (result "EntityCollection").</summary>
public sealed class RetrieveMultipleResponse : OrganizationResponse
{
    internal RetrieveMultipleResponse()
    {
        ResponseName = "RetrieveMultiple";
    }

    public EntityCollection EntityCollection => GetResult<EntityCollection>(nameof(EntityCollection));
}
