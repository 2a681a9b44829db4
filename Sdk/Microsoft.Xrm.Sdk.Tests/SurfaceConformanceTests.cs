using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk.Tests.Conformance;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests;

/// <summary>Our Microsoft.Xrm.Sdk declares exactly what surface.txt lists, under the real identity.</summary>
public class SurfaceConformanceTests
{
    private static readonly Assembly Sdk = typeof(Entity).Assembly;

    private static string ListingText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "surface.txt"));

    [Fact]
    public void Declares_every_listed_type_and_member_exactly_as_listed_and_nothing_else()
    {
        var comparison = SurfaceComparer.Compare(SurfaceListing.Parse(ListingText), Sdk.GetExportedTypes());

        Assert.True(
            comparison.Differences.Count == 0,
            $"{comparison.Differences.Count} difference(s) from surface.txt:{Environment.NewLine}"
            + string.Join(Environment.NewLine, comparison.Differences));
    }

    [Fact]
    public void Leaves_out_only_the_listed_members_that_reference_unlisted_types()
    {
        var comparison = SurfaceComparer.Compare(SurfaceListing.Parse(ListingText), Sdk.GetExportedTypes());

        Assert.Equal(
            new[]
            {
                "Microsoft.Xrm.Sdk.Messages.RetrieveRequest: 'property public RelationshipQueryCollection RelatedEntitiesQuery { get; set; }' (references RelationshipQueryCollection)",
                "Microsoft.Xrm.Sdk.Query.ColumnSet: 'property public DataCollection<XrmAttributeExpression> AttributeExpressions { get; set; }' (references XrmAttributeExpression)",
                "Microsoft.Xrm.Sdk.Query.QueryExpression: 'method public QueryExpression Accept(IQueryExpressionVisitor visitor)' (references IQueryExpressionVisitor)",
            },
            comparison.Omissions.OrderBy(o => o, StringComparer.Ordinal));
    }

    [Fact]
    public void Has_the_identity_of_the_real_sdk()
    {
        var name = Sdk.GetName();

        Assert.Equal("Microsoft.Xrm.Sdk", name.Name);
        Assert.Equal(new Version(9, 0, 0, 0), name.Version);
        Assert.Equal("31bf3856ad364e35", Convert.ToHexString(name.GetPublicKeyToken()!).ToLowerInvariant());
    }

    [Fact]
    public void Carries_the_public_key_and_identity_that_the_listing_states()
    {
        var identity = Regex.Match(ListingText, @"^# Identity: (?<identity>.+)$", RegexOptions.Multiline).Groups["identity"].Value.Trim();
        var publicKey = Regex.Match(ListingText, @"^# (?<key>[0-9a-f]{320})\s*$", RegexOptions.Multiline).Groups["key"].Value;

        Assert.Equal(identity, Sdk.GetName().FullName);
        Assert.Equal(publicKey, Convert.ToHexString(Sdk.GetName().GetPublicKey()!).ToLowerInvariant());
    }
}
