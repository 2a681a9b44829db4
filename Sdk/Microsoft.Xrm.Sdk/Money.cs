using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>The value of a currency column; equal when the amounts are equal.</summary>
public sealed class Money : IExtensibleDataObject
{
    public Money()
    {
    }

    public Money(decimal value)
    {
        Value = value;
    }

    public decimal Value { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    public override bool Equals(object obj) => obj is Money other && Value == other.Value;

    public override int GetHashCode() => Value.GetHashCode();
}
