using System;

namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The result of Create: the new record's id (result "id").</summary>
public sealed class CreateResponse : OrganizationResponse
{
    internal CreateResponse()
    {
        ResponseName = "Create";
    }

#pragma warning disable CA1707, IDE1006 // "id" is the listed (and serialized) property name of the real SDK.
    public Guid id => GetResult<Guid>("id");
#pragma warning restore CA1707, IDE1006
}
