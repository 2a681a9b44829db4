namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of Retrieve: the record (result "Entity").</summary>
public sealed class RetrieveResponse : OrganizationResponse
{
    // ResponseName stays null: the real SDK leaves it to whoever fills the response (the service sets it).
    public RetrieveResponse()
    {
    }

    public Entity Entity => GetResult<Entity>(nameof(Entity));

    public object Notifications => GetResult<object>(nameof(Notifications));
}
