using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

/// <summary>Which page of a query to return, and how large; queries create their own.</summary>
public sealed class PagingInfo : IExtensibleDataObject
{
    // The listing declares no constructor: a query creates its PagingInfo and callers set its properties.
    internal PagingInfo()
    {
    }

    public int PageNumber { get; set; }

    public int Count { get; set; }

    public bool ReturnTotalRecordCount { get; set; }

    public string PagingCookie { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }
}
