using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.Plugins.Evidence;

/// <summary>The one seam through which identification reads Dataverse.</summary>
public interface IRecordSource
{
    IReadOnlyList<Entity> Query(QueryBase query);
}

/// <summary>Reads through the organization service of the current execution.</summary>
public sealed class OrganizationRecordSource : IRecordSource
{
    private readonly IOrganizationService _service;

    public OrganizationRecordSource(IOrganizationService service)
    {
        _service = service;
    }

    public IReadOnlyList<Entity> Query(QueryBase query) => _service.RetrieveMultiple(query).Entities;
}
