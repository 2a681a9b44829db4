using System;
using BenchmarkDotNet.Attributes;
using Identification.LocalOrg;
using Identification.Plugins;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.Benchmarks;

/// <summary>
/// LocalOrg's equality lookup by hash index against a full scan, in the same run: contact by email, top 2, one
/// column, as the plug-in asks. The scan is forced with a condition LocalOrg cannot answer from an index (Like
/// with no wildcard, which Dataverse evaluates as case-insensitive equality, so both return the same row).
/// CreateQuery + LINQ is not used for the baseline: it copies every row first, which would measure copying.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class LookupBenchmarks
{
    private IOrganizationService _service = null!;
    private QueryExpression _byIndex = null!;
    private QueryExpression _byScan = null!;

    [Params(10_000, 1_000_000)]
    public int Contacts { get; set; }

    [GlobalSetup]
    public void BuildOrganization()
    {
        var (session, generator) = Organizations.Build(Contacts, conversations: 0);
        var organization = session.Organization;
        _service = organization.GetOrganizationService();
        var email = Organizations.MiddleEmail(generator, Contacts);
        _byIndex = Query(ConditionOperator.Equal, email);
        _byScan = Query(ConditionOperator.Like, email);

        // Check that each query takes the path it is named for (the first indexed query also builds the index).
        Expect(organization, _byIndex, index: true);
        Expect(organization, _byScan, index: false);
    }

    [Benchmark(Baseline = true)]
    public int Scan() => _service.RetrieveMultiple(_byScan).Entities.Count;

    [Benchmark]
    public int IndexedLookup() => _service.RetrieveMultiple(_byIndex).Entities.Count;

    private static QueryExpression Query(ConditionOperator condition, string email)
    {
        var query = new QueryExpression(Schema.Contact.Table) { ColumnSet = new ColumnSet(Schema.Contact.FullName), TopCount = 2 };
        query.Criteria.AddCondition(Schema.Contact.Email, condition, email);
        return query;
    }

    private void Expect(LocalOrganization organization, QueryExpression query, bool index)
    {
        organization.Counters.Reset();
        var rows = _service.RetrieveMultiple(query).Entities.Count;
        var usedIndex = organization.Counters.IndexLookups == 1 && organization.Counters.Scans == 0;
        if (rows != 1 || usedIndex != index)
        {
            throw new InvalidOperationException(
                $"Expected one row by {(index ? "index" : "scan")}; got {rows} rows, counters {organization.Counters}.");
        }
    }
}
