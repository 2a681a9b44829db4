using System;

namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of Create: the new record's id (result "id").</summary>
public sealed class CreateResponse : OrganizationResponse
{
    internal CreateResponse()
    {
        ResponseName = "Create";
    }

    // Lower-case: the real SDK's property name (and result key), fixed by the listing.
    public Guid id => GetResult<Guid>("id");
}
