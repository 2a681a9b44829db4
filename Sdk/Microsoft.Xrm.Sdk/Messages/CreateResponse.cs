using System;

namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of Create: the new record's id (result "id").</summary>
public sealed class CreateResponse : OrganizationResponse
{
    // ResponseName stays null: the real SDK leaves it to whoever fills the response (the service sets it).
    public CreateResponse()
    {
    }

    // Lower-case: the real SDK's property name (and result key), fixed by the listing.
    public Guid id => GetResult<Guid>("id");
}
