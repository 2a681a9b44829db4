namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of Retrieve: the record (result "Entity").</summary>
public sealed class RetrieveResponse : OrganizationResponse
{
    internal RetrieveResponse()
    {
        ResponseName = "Retrieve";
    }

    public Entity Entity => GetResult<Entity>(nameof(Entity));

    public object Notifications => GetResult<object>(nameof(Notifications));
}
