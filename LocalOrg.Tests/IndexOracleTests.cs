using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>
/// The index path can never answer differently from the slow one: each shape of filter, with values drawn from a
/// fixed seed (values that exist, in other case or accents or with trailing spaces, and values that don't), runs
/// through LocalOrg and through a plain LINQ filter over the same rows written here from the rules Dataverse
/// documents; both must return the same rows, and the plan says which path LocalOrg took.
/// </summary>
public sealed class IndexOracleTests
{
    private const int Seed = 20241206;
    private const int CasesPerShape = 40;
    private static readonly string[] Names = ["Ada", "ada ", "Åda", "Grace", "GRACE", "Zoë", "Zoe", "Alan", "Edsger", "Barbara"];
    private static readonly string[] Emails = ["ada@example.com", "ADA@example.com ", "grace@example.com", "zoe@example.com", "alan@example.com"];
    private static readonly Guid[] Accounts = Enumerable.Range(1, 6).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();
    private static readonly Guid NoAccount = new("0000000a-0000-0000-0000-0000000000ff");
    private static readonly string[] AccountNames = ["Contoso", "contoso", "Fabrikam", "Northwind", "Tailspin", "Wingtip"];
    private readonly LocalOrganization org = new();
    private readonly List<Entity> contacts;
    private readonly List<Entity> accounts;

    public IndexOracleTests()
    {
        var random = new Random(Seed);
        org.Initialize(Accounts.Select((id, i) => new Entity("account", id) { ["name"] = AccountNames[i], ["industrycode"] = new OptionSetValue(i % 3) }));
        org.Initialize(Enumerable.Range(0, 400).Select(_ =>
        {
            var contact = new Entity("contact");
            Maybe(random, contact, "fullname", () => Pick(random, Names));
            Maybe(random, contact, "emailaddress1", () => Pick(random, Emails));
            Maybe(random, contact, "statecode", () => new OptionSetValue(random.Next(2)));
            Maybe(random, contact, "parentcustomerid", () => new EntityReference("account", Pick(random, Accounts)));
            Maybe(random, contact, "numberofchildren", () => random.Next(4));
            return contact;
        }));
        contacts = [.. org.CreateQuery("contact")];
        accounts = [.. org.CreateQuery("account")];
    }

    /// <summary>A shape of filter: the query LocalOrg runs, the same filter in plain LINQ, and the access path it must take.</summary>
    public sealed record Shape(string Name, Func<Random, (QueryExpression Query, Func<Entity, Entity?, bool> Oracle)> Make, AccessPath Path, bool Residual)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Shape> Shapes() =>
    [
        new("eq on text", r => Eq("emailaddress1", Variant(r, Pick(r, Emails.Append("nobody@example.com").ToArray()))), AccessPath.Index, false),
        new("eq on text with accents", r => Eq("fullname", Variant(r, Pick(r, Names))), AccessPath.Index, false),
        new("eq on an option set by int", r => Eq("statecode", r.Next(3)), AccessPath.Index, false),
        new("eq on a lookup by Guid", r => Eq("parentcustomerid", Pick(r, Accounts.Append(NoAccount).ToArray())), AccessPath.Index, false),
        new("eq on a number", r => Eq("numberofchildren", r.Next(5)), AccessPath.Index, false),
        new("in on text", r => In("fullname", [Variant(r, Pick(r, Names)), Variant(r, Pick(r, Names)), "nobody"]), AccessPath.Index, false),
        new("or of eq across columns", r => OrOfEq(r), AccessPath.IndexUnion, false),
        new("and with a non-indexable condition", r => AndWithRange(r), AccessPath.Index, true),
        new("or with a non-indexable branch", r => OrWithNotNull(r), AccessPath.Scan, true),
        new("inner join on the lookup with eq on the linked name", r => JoinOnAccountName(r), AccessPath.Index, true),
        new("outer join with a condition on the linked row", r => OuterJoinWithLinkedCondition(r), AccessPath.Index, true),
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_index_path_returns_exactly_the_rows_a_plain_filter_does(Shape shape)
    {
        var random = new Random(Seed + shape.Name.Length);
        var nonEmpty = 0;
        for (var i = 0; i < CasesPerShape; i++)
        {
            var (query, oracle) = shape.Make(random);

            var (ids, plan) = Run(query);

            var link = query.LinkEntities.FirstOrDefault();
            var expected = contacts
                .Select(c => (Contact: c, Account: Linked(c)))
                .Where(x => link is null || link.JoinOperator == JoinOperator.LeftOuter || x.Account is not null)
                .Where(x => oracle(x.Contact, x.Account))
                .Select(x => x.Contact.Id)
                .Order()
                .ToArray();
            Assert.Equal(expected, ids);
            Assert.Equal((shape.Path, shape.Residual), (plan.AccessPath, plan.ResidualFilter));
            nonEmpty += expected.Length > 0 ? 1 : 0;
        }

        // The values drawn must find rows in most cases, or the comparison proves little.
        Assert.True(nonEmpty > CasesPerShape / 2, $"only {nonEmpty} of {CasesPerShape} cases matched any row");
    }

    private Entity? Linked(Entity contact) =>
        contact.GetAttributeValue<EntityReference>("parentcustomerid") is { } reference ? accounts.FirstOrDefault(a => a.Id == reference.Id) : null;

    private (Guid[] Ids, QueryPlan Plan) Run(QueryExpression query)
    {
        var context = org.GetDefaultPluginContext();
        context.IsInTransaction = false;
        var plugin = new QueryingPlugin(query);
        var run = org.ExecutePluginWith(plugin, context);
        return (plugin.Result!.Entities.Select(e => e.Id).Order().ToArray(), run.Queries.Single().Plan);
    }

    // The oracle's reading of the default collation (Latin1_General_CI_AI): case and accents ignored, trailing spaces too.
    private static string Fold(string text)
    {
        var decomposed = text.TrimEnd(' ').Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray()).ToUpperInvariant();
    }

    private static bool Same(object? stored, object value) => (stored, value) switch
    {
        (null, _) => false,
        (string s, string v) => Fold(s) == Fold(v),
        (OptionSetValue o, int v) => o.Value == v,
        (EntityReference e, Guid v) => e.Id == v,
        (int n, int v) => n == v,
        _ => throw new InvalidOperationException($"The oracle compares no {stored.GetType().Name} with {value.GetType().Name}."),
    };

    private static (QueryExpression, Func<Entity, Entity?, bool>) Eq(string column, object value)
    {
        var query = Contacts();
        query.Criteria.AddCondition(column, ConditionOperator.Equal, value);
        return (query, (c, _) => Same(c.Contains(column) ? c[column] : null, value));
    }

    private static (QueryExpression, Func<Entity, Entity?, bool>) In(string column, string[] values)
    {
        var query = Contacts();
        query.Criteria.AddCondition(column, ConditionOperator.In, values.Cast<object>().ToArray());
        return (query, (c, _) => values.Any(v => Same(c.Contains(column) ? c[column] : null, v)));
    }

    private static (QueryExpression, Func<Entity, Entity?, bool>) OrOfEq(Random r)
    {
        var name = Variant(r, Pick(r, Names));
        var email = Variant(r, Pick(r, Emails));
        var account = Pick(r, Accounts);
        var query = Contacts();
        var or = query.Criteria.AddFilter(LogicalOperator.Or);
        or.AddCondition("fullname", ConditionOperator.Equal, name);
        or.AddCondition("emailaddress1", ConditionOperator.Equal, email);
        or.AddCondition("parentcustomerid", ConditionOperator.Equal, account);
        return (query, (c, _) => Same(Get(c, "fullname"), name) || Same(Get(c, "emailaddress1"), email) || Same(Get(c, "parentcustomerid"), account));
    }

    private static (QueryExpression, Func<Entity, Entity?, bool>) AndWithRange(Random r)
    {
        var name = Variant(r, Pick(r, Names));
        var atLeast = r.Next(4);
        var query = Contacts();
        query.Criteria.AddCondition("fullname", ConditionOperator.Equal, name);
        query.Criteria.AddCondition("numberofchildren", ConditionOperator.GreaterEqual, atLeast);
        return (query, (c, _) => Same(Get(c, "fullname"), name) && Get(c, "numberofchildren") is int n && n >= atLeast);
    }

    private static (QueryExpression, Func<Entity, Entity?, bool>) OrWithNotNull(Random r)
    {
        var email = Variant(r, Pick(r, Emails));
        var query = Contacts();
        query.Criteria.FilterOperator = LogicalOperator.Or;
        query.Criteria.AddCondition("emailaddress1", ConditionOperator.Equal, email);
        query.Criteria.AddCondition("numberofchildren", ConditionOperator.Null);
        return (query, (c, _) => Same(Get(c, "emailaddress1"), email) || Get(c, "numberofchildren") is null);
    }

    private static (QueryExpression, Func<Entity, Entity?, bool>) JoinOnAccountName(Random r)
    {
        var accountName = Variant(r, Pick(r, AccountNames));
        var state = r.Next(2);
        var query = Contacts();
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, state);
        var link = query.AddLink("account", "parentcustomerid", "accountid");
        link.LinkCriteria.AddCondition("name", ConditionOperator.Equal, accountName);
        return (query, (c, a) => Same(Get(c, "statecode"), state) && a is not null && Same(Get(a, "name"), accountName));
    }

    private static (QueryExpression, Func<Entity, Entity?, bool>) OuterJoinWithLinkedCondition(Random r)
    {
        var name = Variant(r, Pick(r, Names));
        var industry = r.Next(3);
        var query = Contacts();
        query.Criteria.AddCondition("fullname", ConditionOperator.Equal, name);
        var link = query.AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter);
        link.EntityAlias = "a";
        var or = query.Criteria.AddFilter(LogicalOperator.Or);
        or.AddCondition("a", "industrycode", ConditionOperator.Equal, industry);
        or.AddCondition("a", "accountid", ConditionOperator.Null);
        return (query, (c, a) => Same(Get(c, "fullname"), name) && (a is null || Same(Get(a, "industrycode"), industry)));
    }

    private static QueryExpression Contacts() => new("contact") { ColumnSet = new ColumnSet("fullname") };

    private static object? Get(Entity entity, string column) => entity.Contains(column) ? entity[column] : null;

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static void Maybe(Random random, Entity entity, string column, Func<object> value)
    {
        if (random.Next(5) > 0)
        {
            entity[column] = value();
        }
    }

    /// <summary>The value as written, upper-cased, or with trailing spaces: all equal under the collation.</summary>
    private static string Variant(Random random, string value) => random.Next(3) switch
    {
        0 => value,
        1 => value.ToUpperInvariant(),
        _ => value + "  ",
    };

    private sealed class QueryingPlugin(QueryBase query) : IPlugin
    {
        public EntityCollection? Result { get; private set; }

        public void Execute(IServiceProvider serviceProvider) =>
            Result = serviceProvider.Get<IOrganizationServiceFactory>().CreateOrganizationService(null).RetrieveMultiple(query);
    }
}
