namespace Microsoft.Xrm.Sdk.Query;

/// <summary>The part of a date an <see cref="XrmAttributeExpression"/> groups by.</summary>
public enum XrmDateTimeGrouping
{
    None = 0,
    Day = 1,
    Week = 2,
    Month = 3,
    Quarter = 4,
    Year = 5,
    FiscalPeriod = 6,
    FiscalYear = 7,
}
