using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Identify.Audit;
using Identification.LocalOrg;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Identification.Plugins.Identification;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.Identify.Tests;

/// <summary>
/// The audit and the plug-in never disagree: on random exports (fixed seeds) of values written every way people write
/// them, in accent-insensitive and accent-sensitive environments, every value a visitor could type is looked up with the plug-in's own query (<see cref="RulePlan"/>, without its
/// two-row cap) on an organization holding the same rows, and what the query finds is held against the findings.
/// </summary>
public sealed class AuditAgreesWithPluginTests
{
    private const int Seeds = 60;

    private static readonly string?[] Emails =
    [
        null, "ana@example.com", "ANA@example.com", "ána@example.com", "ana@example.com  ", " ana@example.com", "bo@example.org",
        "bo@example.org\u0001", "cy@example.net", "Cy@Example.NET", "di@example.com",
    ];

    private static readonly string?[] Phones =
    [
        null, "+14255550101", "(425) 555-0101", "425-555-0101", "4255550101", "425 5550101", "+1 425 555 0101 x12", "1-425-555-0101",
        "+442079460000", "020 7946 0000", "+44 20 7946 0000", "+44 (0)20 7946 0000", "07911 123456", "+447911123456", "12345",
        "+14255550102", " +14255550102", "tel:+1-425-555-0102",
    ];

    private static readonly string?[] Countries = [null, "1", "GB"];

    public static TheoryData<int> SeedsToRun() => new(Enumerable.Range(0, Seeds));

    [Theory]
    [MemberData(nameof(SeedsToRun))]
    public void Every_finding_is_what_the_plug_ins_queries_find_and_every_ambiguity_they_find_is_a_finding(int seed)
    {
        var random = new Random(seed);
        // Every other seed audits an accent-sensitive (_CI_AS) environment: "ána@example.com" is then another email.
        var collation = seed % 2 == 0 ? CollationMode.AccentInsensitive : CollationMode.AccentSensitive;
        var country = Countries[random.Next(Countries.Length)];
        var phoneColumns = random.Next(2) == 0 ? "[\"mobilephone\"]" : "[\"mobilephone\", \"telephone1\"]";
        var settings = IdentificationSettings.Parse(
            $$"""{"tables": ["contact"], "phoneColumns": {"contact": {{phoneColumns}}}{{(country is null ? "" : $", \"defaultCountryCode\": \"{country}\"")}}}""");
        var rule = settings.CustomerRules.Single();
        var rows = Enumerable.Range(0, random.Next(4, 16)).Select(_ => RandomContact(random)).ToList();

        var organization = new LocalOrganization { CollationMode = collation };
        organization.Initialize(rows);
        var table = AuditedTable.From("contact", "contact.json", rows, Auditor.ColumnsOf(rule));
        var result = new Auditor(settings, collation).Run(new Dictionary<string, AuditedTable> { ["contact"] = table });
        var active = rows.Where(row => row.GetAttributeValue<OptionSetValue>("statecode").Value == 0).Select(row => row.Id).ToHashSet();

        var foundAnywhere = new HashSet<Guid>();
        foreach (var input in rule.Inputs.Where(input => input.Key != InputKeys.Name))
        {
            // Everything a visitor can type that finds something: each stored value as stored, and each number's E.164 form.
            var typed = rows.SelectMany(row => input.Columns.Select(row.GetAttributeValue<string>)).OfType<string>()
                .SelectMany(value => new[] { value.Trim(), input.IsPhone ? PhoneNumbers.ToE164(value.Trim(), country) : null }).OfType<string>()
                .Distinct(StringComparer.Ordinal).ToList();
            var found = typed.Select(value => (Typed: value, Records: Find(organization, rule, settings, input.Key, value))).Where(f => f.Records is not null).ToList();
            var shared = result.Findings.Where(f => f.Kind == FindingKinds.SharedIdentifier && f.Input == input.Key).ToList();

            foreach (var (value, records) in found.Where(f => f.Records!.Count >= 2))
            {
                Assert.True(shared.Any(f => records!.IsSubsetOf(f.RecordIds)), $"seed {seed}: typing {input.Key} \"{value}\" finds {records!.Count} records, and no finding names them");
            }

            foreach (var finding in shared)
            {
                var witnessed = found.Where(f => f.Records!.Count >= 2 && f.Records.IsSubsetOf(finding.RecordIds)).SelectMany(f => f.Records!).ToHashSet();
                Assert.True(witnessed.SetEquals(finding.RecordIds), $"seed {seed}: the {input.Key} finding names {finding.RecordIds.Count} records; typed values find {witnessed.Count} of them together");
            }

            var alone = found.Where(f => f.Records!.Count == 1).Select(f => f.Records!.Single()).ToHashSet();
            Assert.Equal(alone.Count, result.Reachability.Single().ByInput[input.Key]);
            foundAnywhere.UnionWith(found.SelectMany(f => f.Records!));

            foreach (var phone in result.Findings.Where(f => f.Input == input.Key && f.Kind is FindingKinds.PhoneVerbatimOnly or FindingKinds.PhoneNeedsDefaultCountry))
            {
                var record = phone.RecordIds.Single();
                Assert.Contains(record, Find(organization, rule, settings, input.Key, phone.Value!.Trim())!);
                var otherValues = rows.Single(row => row.Id == record).Attributes.Count(a => input.Columns.Contains(a.Key)) - 1;
                if (phone.Suggestion is { } e164 && otherValues == 0)
                {
                    Assert.Equal(phone.Kind == FindingKinds.PhoneNeedsDefaultCountry, Find(organization, rule, settings, input.Key, e164)!.Contains(record));
                }
            }
        }

        var withoutIdentifier = result.Findings.Where(f => f.Kind == FindingKinds.NoIdentifier).Select(f => f.RecordIds.Single()).ToHashSet();
        Assert.True(active.Except(foundAnywhere).ToHashSet().SetEquals(withoutIdentifier), $"seed {seed}: the records no typed identifier finds are not those without identifier");
    }

    [Fact]
    public void The_seeds_cover_every_kind_of_stored_value()
    {
        // Guards the property above against a pool that stops exercising something.
        var kinds = new HashSet<StoredValueKind>();
        foreach (var country in Countries)
        {
            kinds.UnionWith(Phones.OfType<string>().Select(phone => StoredValue.OfPhone(phone, country, CollationMode.AccentInsensitive).Kind));
        }

        kinds.UnionWith(Emails.OfType<string>().Select(email => StoredValue.OfText(email, CollationMode.AccentInsensitive).Kind));
        Assert.Equal(Enum.GetValues<StoredValueKind>().ToHashSet(), kinds);
    }

    /// <summary>The active records the plug-in's query for one typed value finds, every one of them; null when the plug-in refuses the value.</summary>
    private static HashSet<Guid>? Find(LocalOrganization organization, TableRule rule, IdentificationSettings settings, string key, string typed)
    {
        var inputs = new InputSet.Builder().Offer(key, typed, InputSource.ContextVariable).Build();
        if (!inputs.Has(key))
        {
            return null;
        }

        var query = (QueryExpression)RulePlan.For(rule, inputs, settings, minimumInputs: 1).Query!;
        query.TopCount = null;
        return organization.GetOrganizationService().RetrieveMultiple(query).Entities.Select(row => row.Id).ToHashSet();
    }

    private static Entity RandomContact(Random random)
    {
        var id = new byte[16];
        random.NextBytes(id);
        var contact = new Entity("contact", new Guid(id))
        {
            ["fullname"] = "Someone",
            ["statecode"] = new OptionSetValue(random.Next(5) == 0 ? 1 : 0),
        };
        foreach (var (column, pool) in new[] { ("emailaddress1", Emails), ("mobilephone", Phones), ("telephone1", Phones) })
        {
            if (pool[random.Next(pool.Length)] is { } value)
            {
                contact[column] = value;
            }
        }

        return contact;
    }
}
