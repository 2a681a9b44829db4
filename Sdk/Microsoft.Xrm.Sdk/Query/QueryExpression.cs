namespace Microsoft.Xrm.Sdk.Query;

/// <summary>A query built from objects: table, columns, criteria, links, orders and paging.</summary>
public sealed class QueryExpression : QueryBase
{
#pragma warning disable CA2104 // A mutable instance in a static readonly field: the listed surface of the real SDK.
    public static readonly QueryExpression Empty = new QueryExpression();
#pragma warning restore CA2104

    public QueryExpression()
    {
        Criteria = new FilterExpression();
        ColumnSet = new ColumnSet();
        LinkEntities = new DataCollection<LinkEntity>();
        Orders = new DataCollection<OrderExpression>();
        PageInfo = new PagingInfo();
    }

    public QueryExpression(string entityName)
        : this()
    {
        EntityName = entityName;
    }

    public bool Distinct { get; set; }

    public bool NoLock { get; set; }

    public QueryExpression SubQueryExpression { get; set; }

    public PagingInfo PageInfo { get; set; }

    public string QueryHints { get; set; }

    public string DataSource { get; set; }

    public DataCollection<LinkEntity> LinkEntities { get; private set; }

    public FilterExpression Criteria { get; set; }

    public DataCollection<OrderExpression> Orders { get; private set; }

    public string EntityName { get; set; }

    public ColumnSet ColumnSet { get; set; }

    public int? TopCount { get; set; }

    internal override string TargetEntityName => EntityName;

    public void AddOrder(string attributeName, OrderType orderType)
    {
        Orders.Add(new OrderExpression(attributeName, orderType));
    }

    public void AddOrder(string attributeName, OrderType orderType, string alias, string entityName)
    {
        Orders.Add(new OrderExpression(attributeName, orderType, alias, entityName));
    }

    public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName) =>
        AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);

    /// <summary>Adds and returns a link from this query's table to <paramref name="linkToEntityName"/>.</summary>
    public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
    {
        var link = new LinkEntity(EntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
        LinkEntities.Add(link);
        return link;
    }
}
