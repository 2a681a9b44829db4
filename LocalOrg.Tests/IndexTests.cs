using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>Lookups are answered from hash indexes: the rows examined depend on the matches, not on the table size.</summary>
public sealed class IndexTests
{
    private const int Rows = 100_000;
    private static readonly Lazy<LocalOrganization> Large = new(() =>
    {
        var org = new LocalOrganization();
        org.Initialize(Enumerable.Range(0, Rows).Select(i => new Entity("contact")
        {
            ["fullname"] = $"Contact {i}",
            ["emailaddress1"] = $"contact{i}@example.com",
            ["mobilephone"] = $"+1425{i:D7}",
            ["statecode"] = new OptionSetValue(i % 10 == 0 ? 1 : 0),
            ["parentcustomerid"] = new EntityReference("account", GuidFor(i % 1000)),
        }));
        return org;
    });

    private static Guid GuidFor(int i) => new(i, 0, 0, new byte[8]);

    private static (EntityCollection Result, QueryRecord Record) Run(QueryBase query)
    {
        var org = Large.Value;
        var context = org.GetDefaultPluginContext();
        var plugin = new QueryingPlugin(query);
        context.IsInTransaction = false;
        var run = org.ExecutePluginWith(plugin, context);
        return (plugin.Result!, run.Queries.Single());
    }

    [Fact]
    public void An_equality_lookup_among_many_rows_examines_only_the_matching_rows()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname"), TopCount = 2 };
        query.Criteria.AddCondition("emailaddress1", ConditionOperator.Equal, "CONTACT4242@example.com  ");
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);

        var (result, record) = Run(query);

        Assert.Equal(["Contact 4242"], result.Entities.Select(e => e["fullname"]));
        Assert.True(record.IndexUsed);
        Assert.Equal(1, record.RowsExamined);
    }

    [Fact]
    public void The_plan_says_which_index_gave_the_rows_what_it_promised_and_what_was_checked_after()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 1);
        query.Criteria.AddCondition("emailaddress1", ConditionOperator.Equal, "contact4240@example.com");

        var (_, record) = Run(query);

        Assert.Equal((AccessPath.Index, 1L, true), (record.Plan.AccessPath, record.Plan.EstimatedRows, record.Plan.ResidualFilter));
        Assert.Equal(["emailaddress1"], record.Plan.IndexedColumns);
        Assert.Equal("Index(emailaddress1) ~1 rows + residual filter", record.Plan.ToString());
    }

    [Fact]
    public void A_condition_on_the_primary_key_is_answered_by_id()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AddCondition("contactid", ConditionOperator.In, Guid.Empty, GuidFor(1));

        var (_, record) = Run(query);

        Assert.Equal(AccessPath.PrimaryKey, record.Plan.AccessPath);
        Assert.False(record.Plan.ResidualFilter);
    }

    [Fact]
    public void A_lookup_column_is_indexed_by_the_referenced_id()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AddCondition("parentcustomerid", ConditionOperator.Equal, GuidFor(7));

        var (result, record) = Run(query);

        Assert.Equal(Rows / 1000, result.Entities.Count);
        Assert.Equal(Rows / 1000, record.RowsExamined);
    }

    [Fact]
    public void An_or_of_indexable_conditions_across_columns_is_a_union_of_index_lookups()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        var either = query.Criteria.AddFilter(LogicalOperator.Or);
        either.AddCondition("emailaddress1", ConditionOperator.Equal, "contact1@example.com");
        either.AddCondition("mobilephone", ConditionOperator.In, "+14250000002", "+14250000003");

        var (result, record) = Run(query);

        Assert.Equal(["Contact 1", "Contact 2", "Contact 3"], result.Entities.Select(e => e["fullname"]));
        Assert.True(record.IndexUsed);
        Assert.Equal(3, record.RowsExamined);
    }

    [Fact]
    public void FetchXml_equality_uses_the_same_indexes()
    {
        var (result, record) = Run(new FetchExpression("""
            <fetch top="2"><entity name="contact"><attribute name="fullname" />
              <filter><condition attribute="mobilephone" operator="eq" value="+14250099999" /></filter>
            </entity></fetch>
            """));

        Assert.Single(result.Entities);
        Assert.Equal(1, record.RowsExamined);
    }

    [Fact]
    public void A_condition_that_no_index_can_answer_scans_the_table()
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AddCondition("fullname", ConditionOperator.Like, "%ntact 99999");

        var (result, record) = Run(query);

        Assert.Single(result.Entities);
        Assert.False(record.IndexUsed);
        Assert.Equal(Rows, record.RowsExamined);
    }

    [Fact]
    public void Indexes_follow_creates_updates_deletes_and_rollbacks()
    {
        var org = new LocalOrganization();
        var service = org.GetOrganizationService();
        int Matches(string email)
        {
            var query = new QueryByAttribute("contact");
            query.AddAttributeValue("emailaddress1", email);
            return service.RetrieveMultiple(query).Entities.Count;
        }

        var id = service.Create(new Entity("contact") { ["emailaddress1"] = "old@example.com" });
        Assert.Equal(1, Matches("old@example.com"));
        service.Update(new Entity("contact", id) { ["emailaddress1"] = "new@example.com" });
        Assert.Equal((0, 1), (Matches("old@example.com"), Matches("NEW@example.com")));
        org.RegisterStep(new PluginStepRegistration(typeof(ThrowingPlugin), "Update", "contact", 40));
        Assert.Throws<InvalidPluginExecutionException>(() => service.Update(new Entity("contact", id) { ["emailaddress1"] = "rolled-back@example.com" }));
        Assert.Equal((0, 1), (Matches("rolled-back@example.com"), Matches("new@example.com")));
        service.Delete("contact", id);
        Assert.Equal(0, Matches("new@example.com"));
        Assert.True(org.Counters.IndexLookups >= 6);
    }

    [Fact]
    public async Task Concurrent_readers_get_consistent_answers_while_a_writer_works()
    {
        var org = new LocalOrganization();
        org.Initialize(Enumerable.Range(0, 1000).Select(i => new Entity("account") { ["accountnumber"] = $"A{i}" }));
        var writer = Task.Run(() =>
        {
            var service = org.GetOrganizationService();
            for (var i = 0; i < 500; i++)
            {
                service.Create(new Entity("account") { ["accountnumber"] = $"B{i}" });
            }
        });
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(() =>
        {
            var service = org.GetOrganizationService();
            for (var i = 0; i < 200; i++)
            {
                var query = new QueryExpression("account") { ColumnSet = new ColumnSet("accountnumber") };
                query.Criteria.AddCondition("accountnumber", ConditionOperator.Equal, $"A{(i * 7 + r) % 1000}");
                Assert.Single(service.RetrieveMultiple(query).Entities);
            }
        })).ToArray();

        await Task.WhenAll([writer, .. readers]);

        Assert.Equal(1500, org.Count("account"));
    }

    /// <summary>Runs one query through its factory's service, so the run records the query's cost.</summary>
    private sealed class QueryingPlugin(QueryBase query) : IPlugin
    {
        public EntityCollection? Result { get; private set; }

        public void Execute(IServiceProvider serviceProvider) =>
            Result = serviceProvider.Get<IOrganizationServiceFactory>().CreateOrganizationService(null).RetrieveMultiple(query);
    }
}
