using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>
/// A Dataverse organization in memory: tables of rows, an IOrganizationService with Dataverse's query semantics,
/// and the plug-in pipeline (stages, images, depth, transactions). Shaped like FakeXrmEasy's XrmFakedContext.
/// </summary>
[SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The reader/writer lock only allocates (finalizable) wait handles under contention; making every test dispose its organization would be noise, and FakeXrmEasy's context isn't disposable either.")]
public sealed partial class LocalOrganization
{
    /// <summary>Dataverse's default maximum plug-in depth: a plug-in that would run deeper is taken for an infinite loop.</summary>
    public const int MaxDepth = 8;

    /// <summary>The default calling user (systemuser id).</summary>
    public static readonly Guid DefaultCallerId = new("5a1e0000-0000-4000-8000-000000000001");

    // Activity tables are keyed by activityid (the activitypointer key), not by <logicalname>id.
    private static readonly string[] ActivityTables =
    [
        "activitypointer", "appointment", "email", "fax", "letter", "phonecall", "task", "recurringappointmentmaster",
        "serviceappointment", "socialactivity", "campaignactivity", "campaignresponse", "bulkoperation", "untrackedemail",
        "chat", "msdyn_ocliveworkitem", "msdyn_ocsession", "msdyn_ocoutboundmessage",
    ];

    // Primary name columns Dataverse gives these tables; others use "name" (or "<prefix>_name" for a custom table).
    private static readonly Dictionary<string, string> KnownPrimaryNames = new(StringComparer.Ordinal)
    {
        ["contact"] = "fullname",
        ["lead"] = "fullname",
        ["systemuser"] = "fullname",
        ["incident"] = "title",
        ["opportunity"] = "name",
        ["annotation"] = "subject",
    };

    // Readers (queries) share this lock; a write operation holds it for its whole pipeline, so writes are serialised
    // and readers never see a half-done operation. Recursion: plug-ins read and write from inside an operation.
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.SupportsRecursion);
    private readonly Dictionary<string, Table> tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> primaryKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> primaryNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlternateKey[]> alternateKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> relationships = new(StringComparer.Ordinal);
    private Dictionary<(string Table, string Column), IReadOnlyDictionary<int, string>> optionLabels = [];
    private QueryServices? queryServices;
    private readonly ValueInterner interner = new();
    private readonly List<PluginRun> runs = [];
    private readonly object runsGate = new();
    private readonly object configurationGate = new();
    private readonly HashSet<string> withoutOptimisticConcurrency = new(StringComparer.Ordinal);
    private StepEntry[] steps = [];
    private Interception[] interceptions = [];
    private (Func<OrganizationRequest, bool> When, Func<Exception> Error)[] failures = [];
    private int stepOrder;
    private long lastRowVersion;

    public LocalOrganization()
    {
        foreach (var table in ActivityTables)
        {
            primaryKeys[table] = "activityid";
        }
    }

    /// <summary>The calling user of services from <see cref="GetOrganizationService()"/>: UserId and InitiatingUserId of the contexts they start.</summary>
    public Guid CallerId { get; set; } = DefaultCallerId;

    public Guid OrganizationId { get; } = new("5a1e0000-0000-4000-8000-0000000000a1");

    public string OrganizationName { get; } = "localorg";

    /// <summary>The business unit reported in execution contexts.</summary>
    public Guid BusinessUnitId { get; } = new("5a1e0000-0000-4000-8000-0000000000b1");

    /// <summary>The clock for createdon/modifiedon and for relative date conditions (today, last-x-days, …); replace it for deterministic dates.</summary>
    public Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

    /// <summary>
    /// The calling user's time zone: date conditions (today, on, this-month, …) work on days of this calendar, as
    /// Dataverse evaluates them in the user's time zone. UTC unless set.
    /// </summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>
    /// How strings compare, fixed when the organization is created (indexes fold their keys by it): accent-insensitive
    /// as Dataverse's default Latin1_General_CI_AI, or accent-sensitive as a _CI_AS environment. Case and trailing
    /// spaces are ignored either way.
    /// </summary>
    public CollationMode CollationMode { get; init; }

    /// <summary>
    /// The calling user's formats: formatted values of money and dates. Unless set, United States English
    /// (<see cref="UnitedStatesEnglish"/>); any culture the machine has can be set.
    /// </summary>
    public CultureInfo Culture { get; set; } = UnitedStatesEnglish;

    /// <summary>
    /// The en-US formats formatted values use ("$1,234.50", "3/13/2024 10:00 AM"), built from the invariant culture so
    /// they are the same on every machine: with any ICU version, and without ICU, where a process running with
    /// InvariantGlobalization (the identify tool does) cannot load "en-US" at all.
    /// </summary>
    public static CultureInfo UnitedStatesEnglish { get; } = BuildUnitedStatesEnglish();

    private static CultureInfo BuildUnitedStatesEnglish()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.CurrencySymbol = "$";
        culture.NumberFormat.CurrencyNegativePattern = 1;   // -$1,234.50
        culture.DateTimeFormat.ShortDatePattern = "M/d/yyyy";
        culture.DateTimeFormat.ShortTimePattern = "h:mm tt";
        culture.DateTimeFormat.LongTimePattern = "h:mm:ss tt";
        return CultureInfo.ReadOnly(culture);
    }

    /// <summary>The day weeks start on for this-week, last-week and next-week (Sunday, as Dataverse documents).</summary>
    public DayOfWeek FirstDayOfWeek { get; set; } = DayOfWeek.Sunday;

    /// <summary>
    /// Dataverse ends the transaction when a service call made inside it fails, even if the plug-in catches the
    /// error; the operation then fails. True (the default) reproduces that; false lets a plug-in swallow such errors.
    /// </summary>
    public bool AbortTransactionOnFailedServiceCall { get; set; } = true;

    /// <summary>Every plug-in execution, in the order they started (direct and pipeline).</summary>
    public IReadOnlyList<PluginRun> Runs
    {
        get
        {
            lock (runsGate)
            {
                return runs.ToArray();
            }
        }
    }

    /// <summary>How many plug-in executions have been recorded; with <see cref="RunsSince"/>, reads only new runs.</summary>
    public int RunCount
    {
        get
        {
            lock (runsGate)
            {
                return runs.Count;
            }
        }
    }

    public OrganizationCounters Counters { get; } = new();

    /// <summary>The plug-in executions recorded from position <paramref name="start"/> on (0 is the first run).</summary>
    public IReadOnlyList<PluginRun> RunsSince(int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        lock (runsGate)
        {
            return start >= runs.Count ? Array.Empty<PluginRun>() : runs.GetRange(start, runs.Count - start);
        }
    }

    /// <summary>Seeds rows without firing plug-ins (like FakeXrmEasy's Initialize); ids and statecode/statuscode/createdon defaults as Create.</summary>
    public void Initialize(IEnumerable<Entity> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        gate.EnterWriteLock();
        try
        {
            var now = UtcNow();
            foreach (var row in rows)
            {
                var target = Validated(row, "Initialize");
                var table = TableFor(target.LogicalName);
                var id = ResolveId(target, table, required: false);
                if (id == Guid.Empty)
                {
                    id = Guid.NewGuid();
                }

                if (table.Contains(id))
                {
                    throw Faults.Duplicate(target.LogicalName, id);
                }

                table.Insert(id, NewValues(table, target, id, now, keepGivenDates: true), transaction: null);
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    public void Initialize(params Entity[] rows) => Initialize((IEnumerable<Entity>)rows);

    /// <summary>A service for the calling user (<see cref="CallerId"/>, read at each call); it fires registered steps.</summary>
    public IOrganizationService GetOrganizationService() =>
        new LocalOrganizationService(this, new CallerScope { UserId = () => CallerId });

    /// <summary>A service acting as <paramref name="userId"/>.</summary>
    public IOrganizationService GetOrganizationService(Guid userId) =>
        new LocalOrganizationService(this, new CallerScope { UserId = () => userId });

    /// <summary>LINQ over copies of the table's rows (all columns), taken when called.</summary>
    public IQueryable<Entity> CreateQuery(string logicalName)
    {
        gate.EnterReadLock();
        try
        {
            var table = ExistingTable(logicalName);
            var copies = table is null ? [] : table.Rows.OrderBy(r => r.Sequence).Select(r => ToEntity(table, r)).ToList();
            return copies.AsQueryable();
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>A copy of the row with all its columns, or null.</summary>
    public Entity? Find(string logicalName, Guid id)
    {
        gate.EnterReadLock();
        try
        {
            var table = ExistingTable(logicalName);
            return table?.Find(id) is { } row ? ToEntity(table, row) : null;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    public int Count(string logicalName)
    {
        gate.EnterReadLock();
        try
        {
            return ExistingTable(logicalName)?.Count ?? 0;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Declares a table whose primary key is not &lt;logicalname&gt;id (activity tables use activityid and are known already).
    /// Call it before the table has rows.
    /// </summary>
    public void RegisterPrimaryKey(string logicalName, string primaryKeyAttribute)
    {
        Faults.CheckLogicalName(logicalName, "table");
        Faults.CheckAttributeName(logicalName, primaryKeyAttribute);
        gate.EnterWriteLock();
        try
        {
            if (tables.TryGetValue(logicalName, out var table))
            {
                if (table.PrimaryKey == primaryKeyAttribute)
                {
                    return;
                }

                if (table.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"Table '{logicalName}' already has {table.Count} rows keyed by '{table.PrimaryKey}'; register its primary key '{primaryKeyAttribute}' before adding rows.");
                }

                tables.Remove(logicalName);
            }

            primaryKeys[logicalName] = primaryKeyAttribute;
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>The primary key attribute of a table: activityid for activities, a registered one, or &lt;logicalname&gt;id.</summary>
    public string PrimaryKeyOf(string logicalName)
    {
        lock (configurationGate)
        {
            return primaryKeys.TryGetValue(logicalName, out var key) ? key : logicalName + "id";
        }
    }

    /// <summary>
    /// Declares a table's primary name column (what a lookup to its rows is called, and sorts by). Known without this:
    /// fullname for contact, lead and systemuser, title for incident, subject for activities and notes, "&lt;prefix&gt;_name"
    /// for a custom table "&lt;prefix&gt;_…", and "name" for the rest.
    /// </summary>
    public void RegisterPrimaryName(string logicalName, string primaryNameAttribute)
    {
        Faults.CheckLogicalName(logicalName, "table");
        Faults.CheckAttributeName(logicalName, primaryNameAttribute);
        lock (configurationGate)
        {
            primaryNames[logicalName] = primaryNameAttribute;
        }
    }

    /// <summary>The primary name column of a table (see <see cref="RegisterPrimaryName"/>).</summary>
    public string PrimaryNameOf(string logicalName)
    {
        lock (configurationGate)
        {
            if (primaryNames.TryGetValue(logicalName, out var registered))
            {
                return registered;
            }
        }

        if (KnownPrimaryNames.TryGetValue(logicalName, out var known))
        {
            return known;
        }

        if (ActivityTables.Contains(logicalName, StringComparer.Ordinal))
        {
            return "subject";
        }

        var prefix = logicalName.IndexOf('_', StringComparison.Ordinal);
        return prefix > 0 ? logicalName[..(prefix + 1)] + "name" : "name";
    }

    /// <summary>
    /// Defines an alternate key on a table, as EntityKeyMetadata does: Retrieve, Update, Upsert and Delete can then
    /// name a row by these columns' values (<c>new EntityReference("account", "accountnumber", "A-1")</c>,
    /// <c>new Entity("account", "accountnumber", "A-1")</c>), and no two rows may share them. Register it before
    /// rows that break it exist: rows already there are not checked.
    /// </summary>
    public void RegisterAlternateKey(string logicalName, string keyName, params string[] attributes)
    {
        Faults.CheckLogicalName(logicalName, "table");
        ArgumentException.ThrowIfNullOrWhiteSpace(keyName);
        if (attributes is not { Length: > 0 })
        {
            throw new ArgumentException($"The alternate key {keyName} of {logicalName} needs at least one column.", nameof(attributes));
        }

        foreach (var attribute in attributes)
        {
            Faults.CheckAttributeName(logicalName, attribute);
        }

        lock (configurationGate)
        {
            var existing = alternateKeys.TryGetValue(logicalName, out var keys) ? keys : [];
            if (existing.Any(k => k.Name == keyName))
            {
                throw new ArgumentException($"{logicalName} already has an alternate key named {keyName}.", nameof(keyName));
            }

            alternateKeys[logicalName] = [.. existing, new AlternateKey(keyName, [.. attributes])];
        }
    }

    /// <summary>
    /// Declares the labels of a choice column's options (its metadata): Retrieve and RetrieveMultiple then return them
    /// as the column's FormattedValues, and queries sort the column by label, as Dataverse does.
    /// </summary>
    public void RegisterOptionLabels(string logicalName, string attribute, IReadOnlyDictionary<int, string> labels)
    {
        Faults.CheckLogicalName(logicalName, "table");
        Faults.CheckAttributeName(logicalName, attribute);
        ArgumentNullException.ThrowIfNull(labels);
        lock (configurationGate)
        {
            optionLabels = new(optionLabels) { [(logicalName, attribute)] = new Dictionary<int, string>(labels) };
        }
    }

    /// <summary>The registered labels of a choice column, or null.</summary>
    internal IReadOnlyDictionary<int, string>? OptionLabelsOf(string logicalName, string attribute) =>
        Volatile.Read(ref optionLabels).TryGetValue((logicalName, attribute), out var labels) ? labels : null;

    /// <summary>
    /// Declares a one-to-many relationship: Associate and Disassociate set and clear the lookup, and a Create whose
    /// RelatedEntities use it creates the related rows (deep insert).
    /// </summary>
    public void RegisterRelationship(OneToManyRelationship relationship)
    {
        ArgumentNullException.ThrowIfNull(relationship);
        Faults.CheckLogicalName(relationship.ReferencedEntity, "referenced table");
        Faults.CheckLogicalName(relationship.ReferencingEntity, "referencing table");
        Faults.CheckAttributeName(relationship.ReferencingEntity, relationship.ReferencingAttribute);
        AddRelationship(relationship.SchemaName, relationship);
    }

    /// <summary>
    /// Declares a many-to-many relationship: Associate and Disassociate add and remove rows of its intersect table,
    /// which queries can join like any table (<c>link-entity name="accountleads"</c>), and deep insert uses it.
    /// </summary>
    public void RegisterRelationship(ManyToManyRelationship relationship)
    {
        ArgumentNullException.ThrowIfNull(relationship);
        Faults.CheckLogicalName(relationship.IntersectEntityName, "intersect table");
        Faults.CheckLogicalName(relationship.Entity1LogicalName, "table");
        Faults.CheckLogicalName(relationship.Entity2LogicalName, "table");
        Faults.CheckAttributeName(relationship.IntersectEntityName, relationship.Entity1IntersectAttribute);
        Faults.CheckAttributeName(relationship.IntersectEntityName, relationship.Entity2IntersectAttribute);
        AddRelationship(relationship.SchemaName, relationship);
    }

    /// <summary>
    /// Turns optimistic concurrency off for a table, as a table whose IsOptimisticConcurrencyEnabled is false in
    /// Dataverse: an update with ConcurrencyBehavior.IfRowVersionMatches then fails with OptimisticConcurrencyNotEnabled.
    /// Every table has it on until this is called (Dataverse has it on for custom tables and most system ones).
    /// </summary>
    public void DisableOptimisticConcurrency(string logicalName)
    {
        Faults.CheckLogicalName(logicalName, "table");
        lock (configurationGate)
        {
            withoutOptimisticConcurrency.Add(logicalName);
        }
    }

    /// <summary>
    /// Fault injection: every request matching <paramref name="when"/> (Create, Update, Delete, Retrieve,
    /// RetrieveMultiple, … each seen as its OrganizationRequest) throws <paramref name="error"/>() instead of running.
    /// </summary>
    public void FailWhen(Func<OrganizationRequest, bool> when, Func<Exception> error)
    {
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(error);
        lock (configurationGate)
        {
            failures = [.. failures, (when, error)];
        }
    }

    /// <summary>Removes every FailWhen rule.</summary>
    public void ClearFailures()
    {
        lock (configurationGate)
        {
            failures = [];
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> once, just before the first request matching <paramref name="when"/> (from any
    /// caller, plug-ins included) is carried out: to make something happen between a plug-in's read and its write, as
    /// an agent or another job would.
    /// </summary>
    public void Before(Func<OrganizationRequest, bool> when, Action action)
    {
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(action);
        lock (configurationGate)
        {
            interceptions = [.. interceptions, new Interception(when, action)];
        }
    }

    /// <summary>Carries out the <see cref="Before"/> actions due for a request; no lock of the organization is held.</summary>
    internal void Intercept(OrganizationRequest request)
    {
        foreach (var interception in Volatile.Read(ref interceptions))
        {
            if (interception.When(request) && Interlocked.Exchange(ref interception.Fired, 1) == 0)
            {
                interception.Action();
            }
        }
    }

    /// <summary>Fault injection and the transaction check that every request passes before it runs.</summary>
    internal void Guard(CallerScope caller, OrganizationRequest request)
    {
        if (caller.Chain?.Transaction is { Doomed: true })
        {
            throw Faults.NoActiveTransaction();
        }

        foreach (var (when, error) in Volatile.Read(ref failures))
        {
            if (when(request))
            {
                throw error();
            }
        }
    }

    private bool HasOptimisticConcurrency(string logicalName)
    {
        lock (configurationGate)
        {
            return !withoutOptimisticConcurrency.Contains(logicalName);
        }
    }

    private void AddRelationship(string schemaName, object relationship)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaName);
        lock (configurationGate)
        {
            if (!relationships.TryAdd(schemaName, relationship))
            {
                throw new ArgumentException($"A relationship named {schemaName} is registered already.", nameof(relationship));
            }
        }
    }

    /// <summary>The registered relationship <paramref name="relationship"/> names; LocalOrg has no metadata to know others.</summary>
    private object RelationshipNamed(Relationship? relationship, string what)
    {
        lock (configurationGate)
        {
            if (relationship?.SchemaName is { } name && relationships.TryGetValue(name, out var found))
            {
                return found;
            }
        }

        throw new NotSupportedException(
            $"LocalOrg does not know the relationship '{relationship?.SchemaName}' ({what}): it has no metadata. "
            + "Register it with RegisterRelationship(new OneToManyRelationship(…)) or RegisterRelationship(new ManyToManyRelationship(…)).");
    }

    private ManyToManyRelationship[] ManyToManyRelationshipsOf(string logicalName)
    {
        lock (configurationGate)
        {
            return relationships.Values
                .OfType<ManyToManyRelationship>()
                .Where(r => r.Entity1LogicalName == logicalName || r.Entity2LogicalName == logicalName)
                .ToArray();
        }
    }

    private AlternateKey[] AlternateKeysOf(string logicalName)
    {
        lock (configurationGate)
        {
            return alternateKeys.TryGetValue(logicalName, out var keys) ? keys : [];
        }
    }

    /// <summary>The id of the row that <paramref name="keyAttributes"/> names through one of the table's alternate keys.</summary>
    private Guid IdByAlternateKey(string entityName, KeyAttributeCollection keyAttributes) =>
        FindByAlternateKey(entityName, keyAttributes, out var keyValues) ?? throw Faults.KeyDoesNotExist(entityName, keyValues);

    /// <summary>The id of the row the key values name, or null when no row has them; columns that are no key are a fault.</summary>
    private Guid? FindByAlternateKey(string entityName, KeyAttributeCollection keyAttributes, out string keyValues)
    {
        var keys = AlternateKeysOf(entityName);
        var key = keys.FirstOrDefault(k => k.IsNamedBy(keyAttributes.Keys))
            ?? throw Faults.Invalid(
                $"The specified key attributes are not a defined key for the {entityName} entity: ({string.Join(", ", keyAttributes.Keys)}) is no alternate key of {entityName}; "
                + (keys.Length == 0
                    ? "it has none. Register one with RegisterAlternateKey, or name the row by its Id."
                    : $"its keys are {string.Join("; ", keys.Select(k => k.ToString()))}."));
        object? ValueOf(string attribute) => keyAttributes.TryGetValue(attribute, out var value) ? value : null;
        var rows = ExistingTable(entityName) is { } table ? key.Find(table, ValueOf) : [];
        keyValues = key.Describe(ValueOf);
        return rows.Count > 0 ? rows[0].Id : null;
    }

    /// <summary>No two rows share the values of an alternate key (rows with a null key column are not checked).</summary>
    private void CheckAlternateKeys(Table table, object?[] values, Guid id)
    {
        foreach (var key in AlternateKeysOf(table.LogicalName))
        {
            object? ValueOf(string attribute) => table.Ordinal(attribute) is var ordinal and >= 0 && ordinal < values.Length ? values[ordinal] : null;
            if (key.Find(table, ValueOf).Any(row => row.Id != id))
            {
                throw Faults.DuplicateKey(key.Describe(ValueOf), key.Name);
            }
        }
    }

    /// <summary>The next row version: one counter for the whole organization, like SQL Server's rowversion.</summary>
    private long NextRowVersion() => Interlocked.Increment(ref lastRowVersion);

    private sealed class Interception(Func<OrganizationRequest, bool> when, Action action)
    {
        public int Fired;

        public Func<OrganizationRequest, bool> When { get; } = when;

        public Action Action { get; } = action;
    }

    private void AddRun(PluginRun run)
    {
        lock (runsGate)
        {
            runs.Add(run);
        }
    }

    private Table? ExistingTable(string logicalName) =>
        tables.TryGetValue(logicalName ?? string.Empty, out var table) ? table : null;

    /// <summary>Write lock only.</summary>
    private Table TableFor(string logicalName)
    {
        if (!tables.TryGetValue(logicalName, out var table))
        {
            table = new Table(logicalName, PrimaryKeyOf(logicalName), Collation.For(CollationMode));
            tables.Add(logicalName, table);
        }

        return table;
    }

    private static Entity ToEntity(Table table, Row row)
    {
        var entity = new Entity(table.LogicalName, row.Id) { RowVersion = table.RowVersionOf(row) };
        for (var ordinal = 0; ordinal < table.Columns.Count; ordinal++)
        {
            if (row.Get(ordinal) is { } value)
            {
                entity[table.Columns[ordinal]] = Copies.Value(value);
            }
        }

        return entity;
    }
}
