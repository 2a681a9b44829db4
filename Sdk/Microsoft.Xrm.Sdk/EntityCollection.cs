using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>A page of records returned by a query, with paging state.</summary>
public sealed class EntityCollection : IExtensibleDataObject
{
    public EntityCollection()
    {
        Entities = new DataCollection<Entity>();
    }

    /// <summary>A collection holding a copy of <paramref name="list"/>.</summary>
    public EntityCollection(IList<Entity> list)
    {
        Entities = new DataCollection<Entity>(list);
    }

    public DataCollection<Entity> Entities { get; set; }

    public bool MoreRecords { get; set; }

    public string PagingCookie { get; set; }

    public string MinActiveRowVersion { get; set; }

    public int TotalRecordCount { get; set; }

    public bool TotalRecordCountLimitExceeded { get; set; }

    public Entity this[int index]
    {
        get => Entities[index];
        set => Entities[index] = value;
    }

    public string EntityName { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }
}
