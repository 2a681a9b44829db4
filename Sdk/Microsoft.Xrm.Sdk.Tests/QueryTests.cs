using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests;

public class QueryTests
{
    [Fact]
    public void A_new_QueryExpression_has_an_And_filter_no_columns_and_empty_links_and_orders()
    {
        var query = new QueryExpression("contact");

        Assert.Equal("contact", query.EntityName);
        Assert.Equal(LogicalOperator.And, query.Criteria.FilterOperator);
        Assert.Empty(query.Criteria.Conditions);
        Assert.False(query.ColumnSet.AllColumns);
        Assert.Empty(query.ColumnSet.Columns);
        Assert.Empty(query.LinkEntities);
        Assert.Empty(query.Orders);
        Assert.NotNull(query.PageInfo);
        Assert.Null(query.TopCount);
    }

    [Fact]
    public void The_empty_query_is_a_shared_instance()
    {
        Assert.Same(QueryExpression.Empty, QueryExpression.Empty);
        Assert.Null(QueryExpression.Empty.EntityName);
    }

    // Microsoft's paging samples build their own: query.PageInfo = new PagingInfo { Count = 50, PageNumber = 1 }.
    [Fact]
    public void A_new_PagingInfo_asks_for_nothing_until_set()
    {
        var paging = new PagingInfo();

        Assert.Equal((0, 0, false, (string?)null), (paging.Count, paging.PageNumber, paging.ReturnTotalRecordCount, paging.PagingCookie));
    }

    [Fact]
    public void Paging_is_set_on_the_query_s_own_PagingInfo()
    {
        var query = new QueryExpression("contact");

        query.PageInfo.Count = 50;
        query.PageInfo.PageNumber = 2;

        Assert.Equal(50, query.PageInfo.Count);
        Assert.Equal(2, query.PageInfo.PageNumber);
    }

    [Fact]
    public void AddOrder_appends_orders_in_sequence()
    {
        var query = new QueryExpression("contact");

        query.AddOrder("lastname", OrderType.Ascending);
        query.AddOrder("name", OrderType.Descending, "parent", "account");

        Assert.Collection(
            query.Orders,
            o => Assert.Equal(("lastname", OrderType.Ascending, (string?)null, (string?)null), (o.AttributeName, o.OrderType, o.Alias, o.EntityName)),
            o => Assert.Equal(("name", OrderType.Descending, (string?)"parent", (string?)"account"), (o.AttributeName, o.OrderType, o.Alias, o.EntityName)));
    }

    [Fact]
    public void AddLink_joins_from_the_query_table_with_an_inner_join_by_default()
    {
        var query = new QueryExpression("contact");

        var link = query.AddLink("account", "parentcustomerid", "accountid");

        Assert.Same(link, Assert.Single(query.LinkEntities));
        Assert.Equal("contact", link.LinkFromEntityName);
        Assert.Equal("account", link.LinkToEntityName);
        Assert.Equal("parentcustomerid", link.LinkFromAttributeName);
        Assert.Equal("accountid", link.LinkToAttributeName);
        Assert.Equal(JoinOperator.Inner, link.JoinOperator);
        Assert.NotNull(link.LinkCriteria);
        Assert.NotNull(link.Columns);
    }

    // The link joins from the account (its parent), but the SDK copies the parent's LinkFromEntityName into it.
    [Fact]
    public void A_link_added_to_a_link_takes_the_parent_link_s_LinkFromEntityName()
    {
        var query = new QueryExpression("contact");
        var account = query.AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter);

        var owner = account.AddLink("systemuser", "ownerid", "systemuserid");

        Assert.Equal(JoinOperator.LeftOuter, account.JoinOperator);
        Assert.Same(owner, Assert.Single(account.LinkEntities));
        Assert.Equal("contact", owner.LinkFromEntityName);
        Assert.Equal("systemuser", owner.LinkToEntityName);
        Assert.Equal("ownerid", owner.LinkFromAttributeName);
        Assert.Equal(JoinOperator.Inner, owner.JoinOperator);
    }

    [Fact]
    public void AddCondition_with_values_keeps_them_in_order()
    {
        var filter = new FilterExpression();

        filter.AddCondition("statecode", ConditionOperator.In, 0, 1);
        filter.AddCondition("account", "name", ConditionOperator.Equal, "Contoso");

        var state = filter.Conditions[0];
        Assert.Equal(("statecode", ConditionOperator.In, (string?)null), (state.AttributeName, state.Operator, state.EntityName));
        Assert.Equal(new object[] { 0, 1 }, state.Values);
        var name = filter.Conditions[1];
        Assert.Equal("account", name.EntityName);
        Assert.Equal(new object[] { "Contoso" }, name.Values);
    }

    [Fact]
    public void AddCondition_with_null_values_gives_a_condition_without_values()
    {
        var filter = new FilterExpression();

        filter.AddCondition("emailaddress1", ConditionOperator.NotNull, (object[])null!);
        filter.AddCondition("emailaddress1", ConditionOperator.Null);

        Assert.All(filter.Conditions, c => Assert.Empty(c.Values));
    }

    [Fact]
    public void AddCondition_comparing_columns_names_the_other_column_as_its_value()
    {
        var filter = new FilterExpression();

        filter.AddCondition("createdon", ConditionOperator.Equal, true, "modifiedon");
        filter.AddCondition("contact", "firstname", ConditionOperator.NotEqual, true, new object[] { "lastname" });

        Assert.All(filter.Conditions, c => Assert.True(c.CompareColumns));
        Assert.Equal(new object[] { "modifiedon" }, filter.Conditions[0].Values);
        Assert.Equal("contact", filter.Conditions[1].EntityName);
        Assert.Equal(new object[] { "lastname" }, filter.Conditions[1].Values);
    }

    [Fact]
    public void AddFilter_nests_child_filters()
    {
        var filter = new FilterExpression(LogicalOperator.And);
        var existing = new FilterExpression(LogicalOperator.And);

        var either = filter.AddFilter(LogicalOperator.Or);
        either.AddCondition("emailaddress1", ConditionOperator.Equal, "ada@example.com");
        either.AddCondition("telephone1", ConditionOperator.Equal, "+44 20 7946 0000");
        filter.AddFilter(existing);

        Assert.Equal(new[] { either, existing }, filter.Filters);
        Assert.Equal(LogicalOperator.Or, either.FilterOperator);
        Assert.Equal(2, either.Conditions.Count);
    }

    [Fact]
    public void A_condition_on_a_collection_copies_its_items()
    {
        var ids = new List<object> { 1, 2 };

        var condition = new ConditionExpression("statuscode", ConditionOperator.In, (System.Collections.ICollection)ids);
        ids.Add(3);

        Assert.Equal(new object[] { 1, 2 }, condition.Values);
    }

    [Fact]
    public void A_condition_with_one_value_holds_that_value()
    {
        var condition = new ConditionExpression("contact", "lastname", ConditionOperator.BeginsWith, "Love");

        Assert.Equal("contact", condition.EntityName);
        Assert.Equal(new object[] { "Love" }, condition.Values);
        Assert.False(condition.CompareColumns);
    }

    [Fact]
    public void QueryByAttribute_pairs_attributes_with_values()
    {
        var query = new QueryByAttribute("contact") { TopCount = 2 };

        query.AddAttributeValue("emailaddress1", "ada@example.com");
        query.AddAttributeValue("statecode", 0);
        query.AddOrder("createdon", OrderType.Descending);

        Assert.Equal("contact", query.EntityName);
        Assert.Equal(new[] { "emailaddress1", "statecode" }, query.Attributes);
        Assert.Equal(new object[] { "ada@example.com", 0 }, query.Values);
        Assert.Equal("createdon", Assert.Single(query.Orders).AttributeName);
    }

    [Fact]
    public void QueryByAttribute_named_at_construction_leaves_ColumnSet_and_PageInfo_null()
    {
        var named = new QueryByAttribute("contact");
        var unnamed = new QueryByAttribute();

        Assert.Null(named.ColumnSet);
        Assert.Null(named.PageInfo);
        Assert.NotNull(unnamed.ColumnSet);
        Assert.NotNull(unnamed.PageInfo);
        Assert.Empty(named.Attributes);
        Assert.Empty(named.Values);
        Assert.Empty(named.Orders);
    }

    [Fact]
    public void FetchExpression_keeps_its_FetchXml()
    {
        const string fetchXml = "<fetch top='1'><entity name='contact'><attribute name='fullname'/></entity></fetch>";

        Assert.Equal(fetchXml, new FetchExpression(fetchXml).Query);
    }
}
