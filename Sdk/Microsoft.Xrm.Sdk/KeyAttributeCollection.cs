using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk;

/// <summary>Alternate-key values that identify a record by logical name.</summary>
public sealed class KeyAttributeCollection : DataCollection<string, object>
{
    public KeyAttributeCollection()
    {
    }

#pragma warning disable CS0628 // protected internal in a sealed type: the listed signature of the real SDK.
    protected internal KeyAttributeCollection(IDictionary<string, object> collection)
#pragma warning restore CS0628
        : base(collection)
    {
    }
}
