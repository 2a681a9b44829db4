using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>
/// Dataverse's default collation ignores accents; environments created in e.g. Finnish, Romanian or Croatian use a
/// _CI_AS collation where "Jose" and "José" differ. Case and trailing spaces are ignored in both.
/// </summary>
public sealed class CollationTests
{
    private static string[] Names(LocalOrganization org, ConditionOperator op, string value)
    {
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
        query.Criteria.AddCondition("lastname", op, value);
        return org.GetOrganizationService().RetrieveMultiple(query).Entities.Select(e => (string)e["fullname"]).ToArray();
    }

    private static LocalOrganization With(CollationMode mode)
    {
        var org = new LocalOrganization { CollationMode = mode };
        org.Initialize(
            new Entity("contact") { ["fullname"] = "José Núñez", ["lastname"] = "Núñez" },
            new Entity("contact") { ["fullname"] = "Jose Nunez", ["lastname"] = "Nunez" },
            new Entity("contact") { ["fullname"] = "Ana Ström", ["lastname"] = "Ström" });
        return org;
    }

    [Theory]
    [InlineData(CollationMode.AccentInsensitive, new[] { "José Núñez", "Jose Nunez" })]
    [InlineData(CollationMode.AccentSensitive, new[] { "Jose Nunez" })]
    public void Equality_ignores_accents_only_in_an_accent_insensitive_organization(CollationMode mode, string[] expected)
    {
        Assert.Equal(expected, Names(With(mode), ConditionOperator.Equal, "NUNEZ  "));
    }

    [Fact]
    public void An_accent_sensitive_organization_still_ignores_case_and_trailing_spaces()
    {
        Assert.Equal(["José Núñez"], Names(With(CollationMode.AccentSensitive), ConditionOperator.Equal, "NÚÑEZ "));
    }

    [Theory]
    [InlineData(CollationMode.AccentInsensitive, new[] { "Ana Ström" })]
    [InlineData(CollationMode.AccentSensitive, new string[0])]
    public void Like_follows_the_collation_too(CollationMode mode, string[] expected)
    {
        Assert.Equal(expected, Names(With(mode), ConditionOperator.BeginsWith, "stro"));
    }

    [Fact]
    public void The_default_is_accent_insensitive_as_Dataverse()
    {
        Assert.Equal(CollationMode.AccentInsensitive, new LocalOrganization().CollationMode);
    }
}
