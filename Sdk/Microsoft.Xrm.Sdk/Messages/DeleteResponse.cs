namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of Delete (no results).</summary>
public sealed class DeleteResponse : OrganizationResponse
{
    // ResponseName stays null: the real SDK leaves it to whoever fills the response (the service sets it).
    public DeleteResponse()
    {
    }
}
