namespace Microsoft.Xrm.Sdk.Query;

/// <summary>A query of records whose attributes equal the given values.</summary>
public sealed class QueryByAttribute : QueryBase
{
    public QueryByAttribute()
    {
        Attributes = new DataCollection<string>();
        Values = new DataCollection<object>();
        Orders = new DataCollection<OrderExpression>();
        ColumnSet = new ColumnSet();
        PageInfo = new PagingInfo();
    }

    /// <summary>A query of <paramref name="entityName"/>; unlike the parameterless constructor, it leaves ColumnSet and PageInfo null.</summary>
    public QueryByAttribute(string entityName)
    {
        EntityName = entityName;
        Attributes = new DataCollection<string>();
        Values = new DataCollection<object>();
        Orders = new DataCollection<OrderExpression>();
    }

    public string EntityName { get; set; }

    public DataCollection<string> Attributes { get; private set; }

    public DataCollection<object> Values { get; private set; }

    public PagingInfo PageInfo { get; set; }

    public ColumnSet ColumnSet { get; set; }

    public DataCollection<OrderExpression> Orders { get; private set; }

    public int? TopCount { get; set; }

    internal override string TargetEntityName => EntityName;

    public void AddOrder(string attributeName, OrderType orderType)
    {
        Orders.Add(new OrderExpression(attributeName, orderType));
    }

    /// <summary>Adds the attribute and its value at the same position of <see cref="Attributes"/> and <see cref="Values"/>.</summary>
    public void AddAttributeValue(string attributeName, object value)
    {
        Attributes.Add(attributeName);
        Values.Add(value);
    }
}
