using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk;

/// <summary>Pre- or post-operation images of the primary record, by image name.</summary>
public class EntityImageCollection : DataCollection<string, Entity>
{
    public EntityImageCollection()
    {
    }

    protected internal EntityImageCollection(IDictionary<string, Entity> collection)
        : base(collection)
    {
    }
}
