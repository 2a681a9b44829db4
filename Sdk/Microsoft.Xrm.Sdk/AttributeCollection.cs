using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk;

/// <summary>Attribute values of an entity by logical name (keys are case-sensitive).</summary>
public sealed class AttributeCollection : DataCollection<string, object>
{
    public AttributeCollection()
    {
    }

#pragma warning disable CS0628 // protected internal in a sealed type: the listed signature of the real SDK.
    protected internal AttributeCollection(IDictionary<string, object> collection)
#pragma warning restore CS0628
        : base(collection)
    {
    }
}
