namespace Microsoft.Xrm.Sdk.Query;

/// <summary>Sort direction of an order.</summary>
public enum OrderType
{
    Ascending = 0,
    Descending = 1,
}
