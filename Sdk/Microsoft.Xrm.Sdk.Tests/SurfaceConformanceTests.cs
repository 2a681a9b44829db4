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

    // The surface leaves out most of the real assembly: types nobody here uses are simply not declared. Within the
    // types it does declare, these are the members it leaves out, each on purpose; a member that disappears from a
    // declared type by accident shows up here.
    [Fact]
    public void Leaves_out_of_the_types_it_declares_only_the_members_nobody_here_needs()
    {
        string[] leftOut =
        {
            // Related-row queries in a Retrieve: their types are not declared, and LocalOrg does not run them.
            "Microsoft.Xrm.Sdk.Messages.RetrieveRequest: 'property public RelationshipQueryCollection RelatedEntitiesQuery { get; set; }'",


            // SQL index hints, absent from older 9.0 builds (see the listing's version notes).
            "Microsoft.Xrm.Sdk.Query.LinkEntity: 'property public string ForceSeek { get; set; }'",
            "Microsoft.Xrm.Sdk.Query.QueryExpression: 'property public string ForceSeek { get; set; }'",

            // The SDK's own visitor and serializer plumbing.
            "Microsoft.Xrm.Sdk.Query.QueryExpression: 'method public QueryExpression Accept(IQueryExpressionVisitor visitor)'",
            "Microsoft.Xrm.Sdk.Query.QueryExpression: 'method public static void InternalResetSerializationCounters()'",
            "Microsoft.Xrm.Sdk.Query.QueryExpression: 'property public static int DeserializationDepthLimit { get; set; }'",
            "Microsoft.Xrm.Sdk.Query.QueryExpression: 'property public static int SerializationDepthLimit { get; set; }'",
        };

        var comparison = SurfaceComparer.Compare(SurfaceListing.Parse(ListingText), Sdk.GetExportedTypes());

        Assert.Equal(leftOut.Order(StringComparer.Ordinal), comparison.OmittedMembers.Order(StringComparer.Ordinal));
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
