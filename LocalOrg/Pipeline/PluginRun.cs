using System;
using System.Collections.Generic;

namespace Identification.LocalOrg;

/// <summary>One execution of one plug-in: its context facts, trace, the queries and writes it made, and how it ended.</summary>
public sealed class PluginRun
{
    private readonly List<string> trace = [];
    private readonly List<QueryRecord> queries = [];
    private readonly List<WriteRecord> writes = [];

    internal PluginRun(string pluginTypeName, LocalPluginContext context)
    {
        PluginTypeName = pluginTypeName;
        MessageName = context.MessageName;
        PrimaryEntityName = context.PrimaryEntityName;
        PrimaryEntityId = context.PrimaryEntityId;
        Stage = context.Stage;
        Depth = context.Depth;
        Mode = context.Mode;
        CorrelationId = context.CorrelationId;
    }

    /// <summary>The plug-in type's full name.</summary>
    public string PluginTypeName { get; }

    public string MessageName { get; }

    public string PrimaryEntityName { get; }

    public Guid PrimaryEntityId { get; }

    public int Stage { get; }

    public int Depth { get; }

    /// <summary>0 synchronous, 1 asynchronous.</summary>
    public int Mode { get; }

    public Guid CorrelationId { get; }

    /// <summary>Lines written to ITracingService, formatted.</summary>
    public IReadOnlyList<string> Trace => trace.ToArray();

    /// <summary>Retrieve and RetrieveMultiple calls this execution made through its IOrganizationServiceFactory services.</summary>
    public IReadOnlyList<QueryRecord> Queries => queries.ToArray();

    /// <summary>Create, Update and Delete calls this execution made through its services (nested plug-ins have their own runs).</summary>
    public IReadOnlyList<WriteRecord> Writes => writes.ToArray();

    /// <summary>Rows returned to this execution by its queries.</summary>
    public int RowsRead { get; private set; }

    /// <summary>What the plug-in threw, or null when it returned normally.</summary>
    public Exception? Exception { get; internal set; }

    /// <summary>A one-line description for test output.</summary>
    public override string ToString() =>
        $"{PluginTypeName} {MessageName} {PrimaryEntityName} stage {Stage} depth {Depth}: {queries.Count} queries, {writes.Count} writes"
        + (Exception is null ? string.Empty : $", threw {Exception.GetType().Name}: {Exception.Message}");

    internal void AddTrace(string line) => trace.Add(line);

    internal void AddQuery(QueryRecord query)
    {
        queries.Add(query);
        RowsRead += query.RowsReturned;
    }

    internal void AddWrite(WriteRecord write) => writes.Add(write);
}

/// <summary>A query that was run: what it asked for and what it cost.</summary>
public sealed class QueryRecord
{
    internal QueryRecord(string kind, string entityName, IReadOnlyList<string> columns, bool allColumns, int? topCount, int rowsReturned, int rowsExamined, bool indexUsed)
    {
        Kind = kind;
        EntityName = entityName;
        Columns = columns;
        AllColumns = allColumns;
        TopCount = topCount;
        RowsReturned = rowsReturned;
        RowsExamined = rowsExamined;
        IndexUsed = indexUsed;
    }

    /// <summary>"Retrieve", "QueryExpression", "QueryByAttribute" or "FetchXml".</summary>
    public string Kind { get; }

    public string EntityName { get; }

    /// <summary>The root table's columns the query asked for.</summary>
    public IReadOnlyList<string> Columns { get; }

    public bool AllColumns { get; }

    /// <summary>The most rows the query could return: its top, or its page size when paging; null when unbounded (5000 per page).</summary>
    public int? TopCount { get; }

    public int RowsReturned { get; }

    /// <summary>Rows the engine looked at to answer (candidates from an index or a scan, plus joined rows).</summary>
    public int RowsExamined { get; }

    /// <summary>True when the candidate rows came from a hash index rather than a scan of the table.</summary>
    public bool IndexUsed { get; }

    /// <summary>How the engine found the root table's candidate rows, and what it checked on them afterwards.</summary>
    public QueryPlan Plan { get; init; } = QueryPlan.ByPrimaryKey;

    /// <summary>A one-line description for test output.</summary>
    public override string ToString() =>
        $"{Kind} {EntityName} [{(AllColumns ? "all columns" : string.Join(", ", Columns))}] top {TopCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}: {RowsReturned} rows";
}

/// <summary>How the root table's rows were found.</summary>
public enum AccessPath
{
    /// <summary>Rows by id (Retrieve, or an eq/in condition on the primary key).</summary>
    PrimaryKey,

    /// <summary>One eq/in condition answered from a column's hash index.</summary>
    Index,

    /// <summary>Several index lookups united: an Or whose every branch is indexable.</summary>
    IndexUnion,

    /// <summary>Every row of the table.</summary>
    Scan,
}

/// <summary>
/// The plan a query ran with: the access path, the columns whose indexes gave the candidate rows, how many rows the
/// indexes' counts promised, and whether a residual filter (conditions the index did not answer, joins) was checked
/// on the candidates.
/// </summary>
public sealed record QueryPlan(AccessPath AccessPath, IReadOnlyList<string> IndexedColumns, long? EstimatedRows, bool ResidualFilter)
{
    internal static readonly QueryPlan ByPrimaryKey = new(AccessPath.PrimaryKey, [], 1, false);

    /// <summary>"Index(emailaddress1) ~1 rows + residual filter".</summary>
    public override string ToString() =>
        AccessPath == AccessPath.Scan
            ? "Scan" + (ResidualFilter ? " + filter" : string.Empty)
            : $"{AccessPath}({string.Join(", ", IndexedColumns)}) ~{EstimatedRows} rows" + (ResidualFilter ? " + residual filter" : string.Empty);
}

/// <summary>A write that was made: message, table, row and the columns it set.</summary>
public sealed class WriteRecord
{
    internal WriteRecord(string messageName, string entityName, Guid id, IReadOnlyList<string> attributes)
    {
        MessageName = messageName;
        EntityName = entityName;
        Id = id;
        Attributes = attributes;
    }

    /// <summary>Create, Update or Delete.</summary>
    public string MessageName { get; }

    public string EntityName { get; }

    public Guid Id { get; }

    /// <summary>The columns the request set (as sent, before defaults).</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary>A one-line description for test output.</summary>
    public override string ToString() => $"{MessageName} {EntityName} {Id} [{string.Join(", ", Attributes)}]";
}
