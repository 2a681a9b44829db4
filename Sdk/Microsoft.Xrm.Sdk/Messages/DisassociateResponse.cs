namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of Disassociate (no results).</summary>
public sealed class DisassociateResponse : OrganizationResponse
{
    // ResponseName stays null: the real SDK leaves it to whoever fills the response (the service sets it).
    public DisassociateResponse()
    {
    }
}
