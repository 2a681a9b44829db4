using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk;

/// <summary>Display text of an entity's attribute values by logical name.</summary>
public sealed class FormattedValueCollection : DataCollection<string, string>
{
    public FormattedValueCollection()
    {
    }

#pragma warning disable CS0628 // protected internal in a sealed type: the listed signature of the real SDK.
    protected internal FormattedValueCollection(IDictionary<string, string> collection)
#pragma warning restore CS0628
        : base(collection)
    {
    }
}
