using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>The value of a choice column; equal when the numbers are equal.</summary>
public sealed class OptionSetValue : IExtensibleDataObject
{
    public OptionSetValue()
    {
    }

    public OptionSetValue(int value)
    {
        Value = value;
    }

    public int Value { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    public override bool Equals(object obj) => obj is OptionSetValue other && Value == other.Value;

    public override int GetHashCode() => Value.GetHashCode();
}
