namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of Update (no results).</summary>
public sealed class UpdateResponse : OrganizationResponse
{
    internal UpdateResponse()
    {
        ResponseName = "Update";
    }
}
