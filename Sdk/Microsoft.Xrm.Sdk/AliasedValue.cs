using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>A value from a linked entity or an aggregate, with where it came from.</summary>
public sealed class AliasedValue : IExtensibleDataObject
{
    public AliasedValue()
    {
    }

    public AliasedValue(string entityLogicalName, string attributeLogicalName, object value)
    {
        EntityLogicalName = entityLogicalName;
        AttributeLogicalName = attributeLogicalName;
        Value = value;
    }

    public string AttributeLogicalName { get; internal set; }

    public string EntityLogicalName { get; internal set; }

    public object Value { get; internal set; }

    public ExtensionDataObject ExtensionData { get; set; }
}
