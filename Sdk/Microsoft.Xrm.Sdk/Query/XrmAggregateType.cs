namespace Microsoft.Xrm.Sdk.Query;

/// <summary>The aggregate an <see cref="XrmAttributeExpression"/> computes over a column.</summary>
public enum XrmAggregateType
{
    None = 0,
    Count = 1,
    CountColumn = 2,
    Sum = 3,
    Avg = 4,
    Min = 5,
    Max = 6,
}
