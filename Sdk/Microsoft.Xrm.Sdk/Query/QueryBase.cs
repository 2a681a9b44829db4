using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

/// <summary>A query the organization service can run; only the SDK's own query types derive from it.</summary>
public abstract class QueryBase : IExtensibleDataObject
{
    // Protected, as listed; the internal abstract member below still keeps other assemblies from deriving a query.
    protected QueryBase()
    {
    }

    public ExtensionDataObject ExtensionData { get; set; }

    /// <summary>The table the query reads, when the query type names it directly (FetchXML does not).</summary>
    internal abstract string TargetEntityName { get; }
}
