using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class LikeTests
{
    private readonly LocalOrganization org = new();

    public LikeTests()
    {
        org.Initialize(
            new Entity("account") { ["name"] = "Contoso" },
            new Entity("account") { ["name"] = "contoso ltd" },
            new Entity("account") { ["name"] = "Fabrikam" },
            new Entity("account") { ["name"] = "100% Natural" },
            new Entity("account") { ["name"] = "100 Natural" },
            new Entity("account") { ["name"] = "A_B" },
            new Entity("account") { ["name"] = "AxB" },
            new Entity("account") { ["name"] = "Ünïcode" },
            new Entity("account"));
    }

    private string[] Matching(ConditionOperator op, string value)
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("name", op, value);
        return org.GetOrganizationService().RetrieveMultiple(query).Entities.Select(e => (string)e["name"]).ToArray();
    }

    [Theory]
    [InlineData("contoso%", new[] { "Contoso", "contoso ltd" })]
    [InlineData("%LTD", new[] { "contoso ltd" })]
    [InlineData("%ab%", new[] { "Fabrikam" })]
    [InlineData("c_ntoso", new[] { "Contoso" })]
    [InlineData("[cf]%", new[] { "Contoso", "contoso ltd", "Fabrikam" })]
    [InlineData("[a-c]ontoso", new[] { "Contoso" })]
    [InlineData("[^c]%", new[] { "Fabrikam", "100% Natural", "100 Natural", "A_B", "AxB", "Ünïcode" })]
    [InlineData("unicode", new[] { "Ünïcode" })]
    public void Like_uses_Dataverse_wildcards_ignoring_case(string pattern, string[] expected)
    {
        Assert.Equal(expected, Matching(ConditionOperator.Like, pattern));
    }

    [Fact]
    public void A_bracketed_percent_matches_a_literal_percent()
    {
        Assert.Equal(["100% Natural"], Matching(ConditionOperator.Like, "100[%]%"));
    }

    [Fact]
    public void An_unescaped_percent_is_a_wildcard_even_when_the_value_contains_one()
    {
        Assert.Equal(["100% Natural", "100 Natural"], Matching(ConditionOperator.Like, "100%Natural"));
    }

    [Fact]
    public void Underscore_matches_any_one_character_unless_bracketed()
    {
        Assert.Equal(["A_B", "AxB"], Matching(ConditionOperator.Like, "a_b"));
        Assert.Equal(["A_B"], Matching(ConditionOperator.Like, "a[_]b"));
    }

    // SQL Server's documented way to match a wildcard character itself: [%], [_] and [[] (a lone ] is an ordinary character).
    [Fact]
    public void Brackets_make_each_wildcard_character_match_itself()
    {
        org.Initialize(new Entity("account") { ["name"] = "[Draft] 100%_done" }, new Entity("account") { ["name"] = "D] 100x-done" });

        Assert.Equal(["[Draft] 100%_done"], Matching(ConditionOperator.Like, "[[]draft] 100[%][_]done"));
        Assert.Equal(["[Draft] 100%_done", "D] 100x-done"], Matching(ConditionOperator.Like, "%] 100_[_-]done"));
    }

    [Fact]
    public void BeginsWith_and_EndsWith_honour_bracket_escapes_in_their_value()
    {
        Assert.Equal(["100% Natural"], Matching(ConditionOperator.BeginsWith, "100[%]"));
        Assert.Equal(["A_B"], Matching(ConditionOperator.EndsWith, "[_]b"));
        Assert.Equal(["Contoso", "contoso ltd", "Fabrikam", "100 Natural", "A_B", "AxB", "Ünïcode"], Matching(ConditionOperator.DoesNotBeginWith, "100[%]"));
    }

    [Fact]
    public void Trailing_spaces_of_the_value_are_ignored_but_those_of_the_pattern_count()
    {
        org.Initialize(new Entity("account") { ["name"] = "Spaced   " });

        Assert.Equal(["Spaced   "], Matching(ConditionOperator.Like, "spaced"));
        Assert.Empty(Matching(ConditionOperator.Like, "spaced "));
    }

    [Fact]
    public void NotLike_excludes_matches_and_rows_without_a_value()
    {
        Assert.Equal(["Fabrikam", "100% Natural", "100 Natural", "A_B", "AxB", "Ünïcode"], Matching(ConditionOperator.NotLike, "contoso%"));
    }

    [Fact]
    public void BeginsWith_EndsWith_and_Contains_are_like_patterns()
    {
        Assert.Equal(["Contoso", "contoso ltd"], Matching(ConditionOperator.BeginsWith, "CONTOSO"));
        Assert.Equal(["Fabrikam", "100% Natural", "100 Natural", "A_B", "AxB", "Ünïcode"], Matching(ConditionOperator.DoesNotBeginWith, "contoso"));
        Assert.Equal(["100% Natural", "100 Natural"], Matching(ConditionOperator.EndsWith, "natural"));
        Assert.Equal(["Contoso", "contoso ltd", "Fabrikam", "A_B", "AxB", "Ünïcode"], Matching(ConditionOperator.DoesNotEndWith, "natural"));
        Assert.Equal(["Fabrikam"], Matching(ConditionOperator.Contains, "brik"));
        Assert.Equal(["Contoso", "contoso ltd", "100% Natural", "100 Natural", "A_B", "AxB", "Ünïcode"], Matching(ConditionOperator.DoesNotContain, "brik"));
    }
}
