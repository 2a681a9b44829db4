namespace Microsoft.Xrm.Sdk.Query;

/// <summary>A query written in FetchXML.</summary>
public sealed class FetchExpression : QueryBase
{
    public FetchExpression()
    {
    }

    public FetchExpression(string query)
    {
        Query = query;
    }

    public string Query { get; set; }

    internal override string TargetEntityName => null;
}
