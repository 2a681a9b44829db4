using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>A page of records returned by a query, with paging state.</summary>
public sealed class EntityCollection : IExtensibleDataObject
{
    private DataCollection<Entity> _entities;

    public EntityCollection()
    {
    }

    /// <summary>A collection holding a copy of <paramref name="list"/> (empty for null).</summary>
    public EntityCollection(IList<Entity> list)
    {
        _entities = new DataCollection<Entity>(list);
    }

    /// <summary>The records; set to null, it reads as a new empty collection, as in the real SDK.</summary>
    public DataCollection<Entity> Entities
    {
        get => _entities ??= new DataCollection<Entity>();
        set => _entities = value;
    }

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
