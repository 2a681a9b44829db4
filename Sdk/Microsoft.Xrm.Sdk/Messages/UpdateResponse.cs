namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of Update (no results).</summary>
public sealed class UpdateResponse : OrganizationResponse
{
    // ResponseName stays null: the real SDK leaves it to whoever fills the response (the service sets it).
    public UpdateResponse()
    {
    }
}
