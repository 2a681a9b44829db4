using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class QueryExpressionTests
{
    private readonly LocalOrganization org = new();

    private EntityCollection Query(QueryBase query) => org.GetOrganizationService().RetrieveMultiple(query);

    private string[] Names(QueryBase query, string column = "fullname") =>
        Query(query).Entities.Select(e => e.GetAttributeValue<string>(column)).ToArray();

    private static QueryExpression Contacts(params string[] columns) => new("contact") { ColumnSet = new ColumnSet(columns.Length == 0 ? ["fullname"] : columns) };

    [Fact]
    public void Equal_returns_the_matching_rows_with_the_asked_columns()
    {
        org.Initialize(
            new Entity("contact") { ["fullname"] = "Ada", ["emailaddress1"] = "ada@example.com", ["jobtitle"] = "Countess" },
            new Entity("contact") { ["fullname"] = "Grace", ["emailaddress1"] = "grace@example.com" });
        var query = Contacts("fullname");
        query.Criteria.AddCondition("emailaddress1", ConditionOperator.Equal, "ada@example.com");

        var row = Assert.Single(Query(query).Entities);

        Assert.Equal("Ada", row["fullname"]);
        Assert.False(row.Contains("jobtitle"));
        Assert.Equal(row.Id, row["contactid"]);
        Assert.Equal("contact", row.LogicalName);
    }

    [Theory]
    [InlineData("ADA@EXAMPLE.COM")]
    [InlineData("ada@example.com   ")]
    [InlineData("Ada@Example.Com ")]
    public void Matches_strings_ignoring_case_and_trailing_spaces(string input)
    {
        org.Initialize(new Entity("contact") { ["fullname"] = "Ada", ["emailaddress1"] = "ada@example.com" });
        var query = Contacts();
        query.Criteria.AddCondition("emailaddress1", ConditionOperator.Equal, input);

        Assert.Equal(["Ada"], Names(query));
    }

    [Fact]
    public void Leading_spaces_are_significant()
    {
        org.Initialize(new Entity("contact") { ["fullname"] = "Ada", ["emailaddress1"] = "ada@example.com" });
        var query = Contacts();
        query.Criteria.AddCondition("emailaddress1", ConditionOperator.Equal, " ada@example.com");

        Assert.Empty(Names(query));
    }

    [Fact]
    public void Matches_strings_ignoring_accents_as_the_default_collation_does()
    {
        org.Initialize(new Entity("contact") { ["fullname"] = "José Núñez" });
        var query = Contacts();
        query.Criteria.AddCondition("fullname", ConditionOperator.Equal, "jose nunez");

        Assert.Equal(["José Núñez"], Names(query));
    }

    [Fact]
    public void An_option_set_column_compares_with_an_int_or_an_OptionSetValue()
    {
        org.Initialize(
            new Entity("incident") { ["title"] = "open", ["statecode"] = new OptionSetValue(0) },
            new Entity("incident") { ["title"] = "resolved", ["statecode"] = new OptionSetValue(1) });
        var byInt = new QueryExpression("incident") { ColumnSet = new ColumnSet("title") };
        byInt.Criteria.AddCondition("statecode", ConditionOperator.Equal, 1);
        var byOption = new QueryExpression("incident") { ColumnSet = new ColumnSet("title") };
        byOption.Criteria.AddCondition("statecode", ConditionOperator.Equal, new OptionSetValue(0));

        Assert.Equal(["resolved"], Names(byInt, "title"));
        Assert.Equal(["open"], Names(byOption, "title"));
    }

    [Fact]
    public void A_lookup_compares_with_a_Guid_or_an_EntityReference()
    {
        var account = Guid.NewGuid();
        org.Initialize(
            new Entity("contact") { ["fullname"] = "Ada", ["parentcustomerid"] = new EntityReference("account", account) },
            new Entity("contact") { ["fullname"] = "Grace", ["parentcustomerid"] = new EntityReference("account", Guid.NewGuid()) });
        var byGuid = Contacts();
        byGuid.Criteria.AddCondition("parentcustomerid", ConditionOperator.Equal, account);
        var byReference = Contacts();
        byReference.Criteria.AddCondition("parentcustomerid", ConditionOperator.Equal, new EntityReference("account", account));

        Assert.Equal(["Ada"], Names(byGuid));
        Assert.Equal(["Ada"], Names(byReference));
    }

    [Fact]
    public void Money_compares_with_a_decimal()
    {
        org.Initialize(
            new Entity("opportunity") { ["name"] = "small", ["estimatedvalue"] = new Money(10m) },
            new Entity("opportunity") { ["name"] = "large", ["estimatedvalue"] = new Money(1000m) });
        var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("estimatedvalue", ConditionOperator.GreaterThan, 100m);

        Assert.Equal(["large"], Names(query, "name"));
    }

    [Fact]
    public void Equal_never_matches_null_and_NotEqual_skips_rows_without_a_value()
    {
        org.Initialize(
            new Entity("contact") { ["fullname"] = "Ada", ["jobtitle"] = "Countess" },
            new Entity("contact") { ["fullname"] = "Grace", ["jobtitle"] = "Admiral" },
            new Entity("contact") { ["fullname"] = "Nobody" });
        var notEqual = Contacts();
        notEqual.Criteria.AddCondition("jobtitle", ConditionOperator.NotEqual, "Countess");
        var notIn = Contacts();
        notIn.Criteria.AddCondition("jobtitle", ConditionOperator.NotIn, "Countess", "Queen");

        Assert.Equal(["Grace"], Names(notEqual));
        Assert.Equal(["Grace"], Names(notIn));
    }

    [Fact]
    public void Null_and_NotNull_find_rows_without_and_with_a_value()
    {
        org.Initialize(new Entity("contact") { ["fullname"] = "Ada", ["jobtitle"] = "Countess" }, new Entity("contact") { ["fullname"] = "Nobody" });
        var isNull = Contacts();
        isNull.Criteria.AddCondition("jobtitle", ConditionOperator.Null);
        var notNull = Contacts();
        notNull.Criteria.AddCondition("jobtitle", ConditionOperator.NotNull);

        Assert.Equal(["Nobody"], Names(isNull));
        Assert.Equal(["Ada"], Names(notNull));
    }

    [Fact]
    public void An_equality_condition_with_a_null_value_is_refused()
    {
        var query = Contacts();
        query.Criteria.AddCondition("jobtitle", ConditionOperator.Equal, (object?)null!);

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Query(query));

        Assert.Contains("ConditionOperator.Null", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_matches_any_of_its_values_including_an_array_passed_as_one_value()
    {
        org.Initialize(
            new Entity("contact") { ["fullname"] = "Ada", ["emailaddress1"] = "ada@example.com" },
            new Entity("contact") { ["fullname"] = "Grace", ["emailaddress1"] = "grace@example.com" },
            new Entity("contact") { ["fullname"] = "Alan", ["emailaddress1"] = "alan@example.com" });
        var query = Contacts();
        query.Criteria.AddCondition("emailaddress1", ConditionOperator.In, "ADA@example.com", "alan@example.com ");
        var withArray = Contacts();
        withArray.Criteria.AddCondition(new ConditionExpression("emailaddress1", ConditionOperator.In, new[] { "grace@example.com" }));

        Assert.Equal(["Ada", "Alan"], Names(query));
        Assert.Equal(["Grace"], Names(withArray));
    }

    [Fact]
    public void Nested_and_or_filters_combine_as_written()
    {
        org.Initialize(
            new Entity("contact") { ["fullname"] = "Ada", ["jobtitle"] = "Countess", ["address1_city"] = "London" },
            new Entity("contact") { ["fullname"] = "Grace", ["jobtitle"] = "Admiral", ["address1_city"] = "New York" },
            new Entity("contact") { ["fullname"] = "Alan", ["jobtitle"] = "Mathematician", ["address1_city"] = "London" });
        var query = Contacts();
        query.Criteria.AddCondition("address1_city", ConditionOperator.Equal, "london");
        var either = query.Criteria.AddFilter(LogicalOperator.Or);
        either.AddCondition("jobtitle", ConditionOperator.Equal, "Countess");
        either.AddCondition("jobtitle", ConditionOperator.Equal, "Admiral");

        Assert.Equal(["Ada"], Names(query));
    }

    [Fact]
    public void Comparisons_and_between_follow_the_column_type()
    {
        var day = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        org.Initialize(
            new Entity("contact") { ["fullname"] = "A", ["numberofchildren"] = 1, ["birthdate"] = day.AddDays(-1) },
            new Entity("contact") { ["fullname"] = "B", ["numberofchildren"] = 3, ["birthdate"] = day },
            new Entity("contact") { ["fullname"] = "C", ["numberofchildren"] = 5, ["birthdate"] = day.AddDays(1) });
        var between = Contacts();
        between.Criteria.AddCondition("numberofchildren", ConditionOperator.Between, 2, 5);
        var notBetween = Contacts();
        notBetween.Criteria.AddCondition("numberofchildren", ConditionOperator.NotBetween, 2, 5);
        var onOrAfter = Contacts();
        onOrAfter.Criteria.AddCondition("birthdate", ConditionOperator.GreaterEqual, day);
        var before = Contacts();
        before.Criteria.AddCondition("birthdate", ConditionOperator.LessThan, day);
        var upTo = Contacts();
        upTo.Criteria.AddCondition("numberofchildren", ConditionOperator.LessEqual, 3);

        Assert.Equal(["B", "C"], Names(between));
        Assert.Equal(["A"], Names(notBetween));
        Assert.Equal(["B", "C"], Names(onOrAfter));
        Assert.Equal(["A"], Names(before));
        Assert.Equal(["A", "B"], Names(upTo));
    }

    [Fact]
    public void An_unsupported_operator_is_refused_by_name()
    {
        var query = Contacts();
        query.Criteria.AddCondition("createdon", ConditionOperator.ThisFiscalYear);

        var error = Assert.Throws<NotSupportedException>(() => Query(query));

        Assert.Contains("ThisFiscalYear", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_naming_the_column()
    {
        org.Initialize(new Entity("contact") { ["parentcustomerid"] = new EntityReference("account", Guid.NewGuid()) });
        var query = Contacts();
        query.Criteria.AddCondition("parentcustomerid", ConditionOperator.Equal, "not a guid");

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Query(query));

        Assert.Contains("parentcustomerid", fault.Message, StringComparison.Ordinal);
    }
}
