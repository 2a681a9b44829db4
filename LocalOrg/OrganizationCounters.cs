using System.Threading;

namespace Identification.LocalOrg;

/// <summary>Service-wide totals since creation or the last <see cref="Reset"/>: what every caller and plug-in cost together.</summary>
public sealed class OrganizationCounters
{
    private long queries;
    private long rowsRead;
    private long writes;
    private long rowsExamined;
    private long indexLookups;
    private long scans;

    /// <summary>Retrieve and RetrieveMultiple calls.</summary>
    public long Queries => Interlocked.Read(ref queries);

    /// <summary>Rows returned by those calls.</summary>
    public long RowsRead => Interlocked.Read(ref rowsRead);

    /// <summary>Create, Update and Delete calls that reached the store.</summary>
    public long Writes => Interlocked.Read(ref writes);

    /// <summary>Rows the query engine looked at: the measure of cost that an index keeps small.</summary>
    public long RowsExamined => Interlocked.Read(ref rowsExamined);

    /// <summary>RetrieveMultiple calls whose candidate rows came from a hash index.</summary>
    public long IndexLookups => Interlocked.Read(ref indexLookups);

    /// <summary>RetrieveMultiple calls that scanned the whole table.</summary>
    public long Scans => Interlocked.Read(ref scans);

    public void Reset()
    {
        Interlocked.Exchange(ref queries, 0);
        Interlocked.Exchange(ref rowsRead, 0);
        Interlocked.Exchange(ref writes, 0);
        Interlocked.Exchange(ref rowsExamined, 0);
        Interlocked.Exchange(ref indexLookups, 0);
        Interlocked.Exchange(ref scans, 0);
    }

    /// <summary>A one-line summary for test output.</summary>
    public override string ToString() =>
        $"{Queries} queries ({IndexLookups} by index, {Scans} scans), {RowsRead} rows read, {RowsExamined} examined, {Writes} writes";

    internal void Query(int returned, int examined, bool? indexUsed)
    {
        Interlocked.Increment(ref queries);
        Interlocked.Add(ref rowsRead, returned);
        Interlocked.Add(ref rowsExamined, examined);
        if (indexUsed == true)
        {
            Interlocked.Increment(ref indexLookups);
        }
        else if (indexUsed == false)
        {
            Interlocked.Increment(ref scans);
        }
    }

    internal void Write() => Interlocked.Increment(ref writes);
}
