namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of Associate (no results).</summary>
public sealed class AssociateResponse : OrganizationResponse
{
    // ResponseName stays null: the real SDK leaves it to whoever fills the response (the service sets it).
    public AssociateResponse()
    {
    }
}
