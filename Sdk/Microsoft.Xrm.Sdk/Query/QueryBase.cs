using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

/// <summary>A query the organization service can run; only the SDK's own query types derive from it.</summary>
public abstract class QueryBase : IExtensibleDataObject
{
    // Internal, like the real SDK: no public or protected constructor, so the type is closed to other assemblies.
    internal QueryBase()
    {
    }

    public ExtensionDataObject ExtensionData { get; set; }

    /// <summary>The table the query reads, when the query type names it directly (FetchXML does not).</summary>
    internal abstract string TargetEntityName { get; }
}
