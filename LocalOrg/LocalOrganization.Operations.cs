using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.LocalOrg;

/// <summary>The organization service's operations: each runs the pipeline around its core write or read.</summary>
public sealed partial class LocalOrganization
{
    private const string OverriddenCreatedOn = "overriddencreatedon";

    // Columns an Update can't change: the platform keeps them (createdon, createdby, overriddencreatedon, the row version).
    private static readonly string[] PlatformColumns = ["createdon", "createdby", OverriddenCreatedOn, Table.VersionNumber];

    internal Guid Create(Entity entity, CallerScope caller, OrganizationRequest request) => Invoke(caller, request, chain =>
    {
        var target = Validated(entity, "Create");
        var related = RelatedToCreate(entity);
        var requested = target.Attributes.Keys.ToArray();
        gate.EnterWriteLock();
        try
        {
            var table = TableFor(target.LogicalName);
            var givenId = ResolveId(target, table, required: false);
            if (givenId != Guid.Empty && table.Contains(givenId))
            {
                throw Faults.Duplicate(target.LogicalName, givenId);
            }

            var operation = new Operation(this, chain, caller, "Create", target.LogicalName, givenId);
            operation.InputParameters["Target"] = target;
            RunSynchronousSteps(operation, PipelineStage.PreValidation);
            return InTransaction(chain, transaction =>
            {
                RunSynchronousSteps(operation, PipelineStage.PreOperation);

                // A pre-operation plug-in may have set the id (or the key column) on the target.
                var id = ResolveId(target, table, required: false);
                if (id == Guid.Empty)
                {
                    id = Guid.NewGuid();
                }

                if (table.Contains(id))
                {
                    throw Faults.Duplicate(target.LogicalName, id);
                }

                var inner = caller.Within(chain);
                foreach (var (relationship, role, rows) in related.Where(r => r.Relationship is OneToManyRelationship && !TargetIsFirst(r, target.LogicalName)))
                {
                    // The new row points at a related row (N:1): that row is created first, and the lookup set to it.
                    var one = (OneToManyRelationship)relationship;
                    if (rows.Count != 1)
                    {
                        throw Faults.Invalid($"A {target.LogicalName} points at one {one.ReferencedEntity} through {one.ReferencingAttribute}; RelatedEntities of {one.SchemaName} holds {rows.Count}.");
                    }

                    target[one.ReferencingAttribute] = new EntityReference(one.ReferencedEntity, Create(rows[0], inner, new CreateRequest { Target = rows[0] }));
                }

                target.Id = id;
                target[table.PrimaryKey] = id;
                var values = NewValues(table, target, id, UtcNow(), keepGivenDates: false, caller.UserId());
                CheckAlternateKeys(table, values, id);
                var row = table.Insert(id, values, transaction);
                Wrote(caller, "Create", target.LogicalName, id, requested);
                CreateRelated(new EntityReference(target.LogicalName, id), related.Where(r => r.Relationship is ManyToManyRelationship || TargetIsFirst(r, target.LogicalName)), inner, transaction);
                operation.PrimaryEntityId = id;
                operation.OutputParameters["id"] = id;
                operation.After = operation.Needs(ImageKind.Post) ? Decorated(ToEntity(table, row)) : null;
                RunSynchronousSteps(operation, PipelineStage.PostOperation);
                QueueAsynchronousSteps(operation, transaction);
                return id;
            });
        }
        finally
        {
            gate.ExitWriteLock();
        }
    });

    internal void Update(Entity entity, CallerScope caller, OrganizationRequest request) => Invoke(caller, request, chain =>
    {
        var keys = entity?.KeyAttributes;
        var target = Validated(entity, "Update", allowKeys: true);
        var requested = target.Attributes.Keys.ToArray();
        var concurrency = ConcurrencyBehaviorOf(request);
        gate.EnterWriteLock();
        try
        {
            var table = TableFor(target.LogicalName);
            var id = target.Id == Guid.Empty && keys is { Count: > 0 } && !target.Contains(table.PrimaryKey)
                ? IdByAlternateKey(target.LogicalName, keys)
                : ResolveId(target, table, required: true);
            var before = table.Find(id) ?? throw Faults.DoesNotExist(target.LogicalName, id);
            target.Id = id;
            var operation = new Operation(this, chain, caller, "Update", target.LogicalName, id);
            operation.Before = operation.Needs(ImageKind.Pre) ? Decorated(ToEntity(table, before)) : null;
            operation.InputParameters["Target"] = target;
            RunSynchronousSteps(operation, PipelineStage.PreValidation);
            return InTransaction(chain, transaction =>
            {
                RunSynchronousSteps(operation, PipelineStage.PreOperation);
                var row = table.Find(id) ?? throw Faults.DoesNotExist(target.LogicalName, id);
                CheckRowVersion(table, row, concurrency, target.RowVersion);
                var values = MergedValues(table, row, target, caller.UserId());
                CheckAlternateKeys(table, values, id);
                table.Replace(row, values, transaction);
                Wrote(caller, "Update", target.LogicalName, id, requested);
                operation.After = operation.Needs(ImageKind.Post) ? Decorated(ToEntity(table, row)) : null;
                RunSynchronousSteps(operation, PipelineStage.PostOperation);
                QueueAsynchronousSteps(operation, transaction);
                return 0;
            });
        }
        finally
        {
            gate.ExitWriteLock();
        }
    });

    internal void Delete(string entityName, Guid id, CallerScope caller, OrganizationRequest request) => Invoke(caller, request, chain =>
    {
        Faults.CheckLogicalName(entityName, "table");
        var concurrency = ConcurrencyBehaviorOf(request);
        var reference = request.Parameters?.TryGetValue("Target", out var target) == true ? target as EntityReference : null;
        var rowVersion = reference?.RowVersion;
        gate.EnterWriteLock();
        try
        {
            if (id == Guid.Empty && reference?.KeyAttributes is { Count: > 0 } keys)
            {
                id = IdByAlternateKey(entityName, keys);
            }

            var table = TableFor(entityName);
            var before = table.Find(id) ?? throw Faults.DoesNotExist(entityName, id);
            var operation = new Operation(this, chain, caller, "Delete", entityName, id);
            operation.Before = operation.Needs(ImageKind.Pre) ? Decorated(ToEntity(table, before)) : null;
            operation.InputParameters["Target"] = new EntityReference(entityName, id);
            RunSynchronousSteps(operation, PipelineStage.PreValidation);
            return InTransaction(chain, transaction =>
            {
                RunSynchronousSteps(operation, PipelineStage.PreOperation);
                var row = table.Find(id) ?? throw Faults.DoesNotExist(entityName, id);
                CheckRowVersion(table, row, concurrency, rowVersion);
                table.Delete(row, transaction);
                RemoveAssociations(entityName, id, transaction);
                Wrote(caller, "Delete", entityName, id, []);
                RunSynchronousSteps(operation, PipelineStage.PostOperation);
                QueueAsynchronousSteps(operation, transaction);
                return 0;
            });
        }
        finally
        {
            gate.ExitWriteLock();
        }
    });

    /// <summary>
    /// Associate (<paramref name="associate"/>) or Disassociate: rows of the intersect table for a many-to-many
    /// relationship, the lookup (set or cleared through Update, with its steps) for a one-to-many one.
    /// </summary>
    internal void Associate(EntityReference? target, Relationship? relationship, EntityReferenceCollection? related, bool associate, CallerScope caller, OrganizationRequest request) =>
        Invoke(caller, request, chain =>
        {
            var message = associate ? "Associate" : "Disassociate";
            if (target is null)
            {
                throw Faults.Invalid($"{message} needs a Target.");
            }

            Faults.CheckLogicalName(target.LogicalName, "table");
            var registered = RelationshipNamed(relationship, $"{message} of {target.LogicalName} {target.Id}");
            gate.EnterWriteLock();
            try
            {
                var operation = new Operation(this, chain, caller, message, target.LogicalName, target.Id);
                operation.InputParameters["Target"] = Copies.Reference(target);
                operation.InputParameters["Relationship"] = new Relationship(relationship!.SchemaName) { PrimaryEntityRole = relationship.PrimaryEntityRole };
                operation.InputParameters["RelatedEntities"] = new EntityReferenceCollection((related ?? []).Select(Copies.Reference).ToList());
                RunSynchronousSteps(operation, PipelineStage.PreValidation);
                return InTransaction(chain, transaction =>
                {
                    RunSynchronousSteps(operation, PipelineStage.PreOperation);
                    foreach (var other in related ?? [])
                    {
                        Link(registered, relationship.PrimaryEntityRole, target, other, associate, caller.Within(chain), transaction);
                    }

                    RunSynchronousSteps(operation, PipelineStage.PostOperation);
                    QueueAsynchronousSteps(operation, transaction);
                    return 0;
                });
            }
            finally
            {
                gate.ExitWriteLock();
            }
        });

    /// <summary>Retrieve by id, or by the alternate key the request's Target names when its Id is empty.</summary>
    internal Entity Retrieve(string entityName, Guid id, ColumnSet? columnSet, CallerScope caller, OrganizationRequest request) => Invoke(caller, request, _ =>
    {
        Faults.CheckLogicalName(entityName, "table");
        if (columnSet is null)
        {
            throw Faults.Invalid("Required field 'ColumnSet' is missing: pass new ColumnSet(\"col1\", …) (or new ColumnSet(true) for all columns).");
        }

        var columns = QueryTranslator.Columns(columnSet);
        foreach (var pick in columns.Picks)
        {
            Faults.CheckAttributeName(entityName, pick.Attribute);
        }

        gate.EnterReadLock();
        try
        {
            if (id == Guid.Empty && request.Parameters?.TryGetValue("Target", out var target) == true && target is EntityReference { KeyAttributes.Count: > 0 } reference)
            {
                id = IdByAlternateKey(entityName, reference.KeyAttributes);
            }

            var table = ExistingTable(entityName);
            var row = table?.Find(id);
            Read(caller, new QueryRecord("Retrieve", entityName, columns.Picks.Select(p => p.Attribute).ToArray(), columns.AllColumns, null, row is null ? 0 : 1, row is null ? 0 : 1, true), null);
            if (row is null)
            {
                throw Faults.DoesNotExist(entityName, id);
            }

            var entity = new Entity(entityName, id) { [table!.PrimaryKey] = id, RowVersion = table.RowVersionOf(row) };
            if (columns.AllColumns)
            {
                entity = ToEntity(table, row);
            }

            foreach (var pick in columns.Picks)
            {
                if (row.Get(table.Ordinal(pick.Attribute)) is { } value)
                {
                    entity[pick.Attribute] = Copies.Value(value);
                }
            }

            Decorate(entity);
            return entity;
        }
        finally
        {
            gate.ExitReadLock();
        }
    });

    /// <summary>
    /// Upsert: an Update of the row the target names (by id or alternate key) when it exists, else a Create of it with
    /// that id or with the key's values as columns. Each runs its own pipeline, as in Dataverse.
    /// </summary>
    internal (bool Created, EntityReference Target) Upsert(Entity entity, CallerScope caller, OrganizationRequest request) => Invoke(caller, request, chain =>
    {
        if (entity is null)
        {
            throw Faults.Invalid("Upsert needs an entity; it was null.");
        }

        Faults.CheckLogicalName(entity.LogicalName, "table");
        var keys = entity.KeyAttributes;
        var inner = caller.Within(chain);
        gate.EnterWriteLock();
        try
        {
            var table = TableFor(entity.LogicalName);
            var byKey = entity.Id == Guid.Empty && keys is { Count: > 0 };
            var id = entity.Id;
            if (byKey)
            {
                id = FindByAlternateKey(entity.LogicalName, keys!, out _) ?? Guid.Empty;
            }

            var copy = Copies.Entity(entity);
            if (id != Guid.Empty && table.Contains(id))
            {
                copy.Id = id;
                Update(copy, inner, new UpdateRequest { Target = copy });
                return (false, new EntityReference(entity.LogicalName, id));
            }

            if (byKey)
            {
                foreach (var key in keys!)
                {
                    copy[key.Key] = Copies.Value(key.Value);
                }
            }

            var created = Create(copy, inner, new CreateRequest { Target = copy });
            return (true, new EntityReference(entity.LogicalName, created));
        }
        finally
        {
            gate.ExitWriteLock();
        }
    });

    /// <summary>What the query engine asks of this organization; built once (queries run often, and must not allocate it each time).</summary>
    private QueryServices QueryServices => queryServices ??= new QueryServices(
        ExistingTable, PrimaryNameOf, () => new QueryClock(UtcNow(), TimeZone, FirstDayOfWeek), OptionLabelsOf, Formatted, Collation.For(CollationMode));

    internal EntityCollection RetrieveMultiple(QueryBase query, CallerScope caller, OrganizationRequest request) => Invoke(caller, request, _ =>
    {
        var spec = QueryTranslator.Translate(query);
        QueryOutcome outcome;
        gate.EnterReadLock();
        try
        {
            outcome = QueryEngine.Execute(spec, QueryServices);
            if (spec.Aggregate)
            {
                foreach (var entity in outcome.Result.Entities)
                {
                    Decorate(entity);
                }
            }
        }
        finally
        {
            gate.ExitReadLock();
        }

        var record = new QueryRecord(
            spec.Kind,
            spec.EntityName,
            spec.Columns.Picks.Select(p => p.Attribute).ToArray(),
            spec.Columns.AllColumns,
            spec.Top ?? spec.PageSize,
            outcome.Result.Entities.Count,
            outcome.RowsExamined,
            outcome.IndexUsed)
        {
            Plan = outcome.Plan,
        };
        Read(caller, record, outcome.IndexUsed);
        return outcome.Result;
    });

    /// <summary>
    /// Runs one request for a caller: fault injection, the transaction check, then the body. A failure inside a
    /// plug-in's transaction dooms it (see <see cref="AbortTransactionOnFailedServiceCall"/>). The caller that started
    /// the chain runs its asynchronous steps once everything is done.
    /// </summary>
    private T Invoke<T>(CallerScope caller, OrganizationRequest request, Func<OperationChain, T> body)
    {
        caller.BeforeCall?.Invoke();
        Intercept(request);
        var chain = caller.Chain ?? new OperationChain(Guid.NewGuid());
        try
        {
            Guard(caller, request);
            return body(chain);
        }
        catch (Exception e) when (Doom(caller, chain, e))
        {
            throw; // Doom() returns false: the exception propagates untouched.
        }
        finally
        {
            if (caller.Chain is null)
            {
                RunAfterCommit(chain);
            }
        }
    }

    private bool Doom(CallerScope caller, OperationChain chain, Exception e)
    {
        if (caller.Chain is not null && chain.Transaction is { } transaction && AbortTransactionOnFailedServiceCall)
        {
            transaction.Doomed = true;
            chain.Failure ??= e;
        }

        return false;
    }

    /// <summary>Runs <paramref name="body"/> in the chain's transaction, opening (and committing or rolling back) one if there is none.</summary>
    private static T InTransaction<T>(OperationChain chain, Func<Transaction, T> body)
    {
        var owner = chain.Transaction is null;
        var transaction = chain.Transaction ??= new Transaction();
        var savepoint = transaction.Mark();
        try
        {
            var result = body(transaction);
            if (owner)
            {
                if (transaction.Doomed)
                {
                    throw Faults.NoActiveTransaction();
                }

                chain.Transaction = null;
                chain.Failure = null;
                foreach (var work in transaction.Commit())
                {
                    chain.AfterCommit.Enqueue(work);
                }
            }

            return result;
        }
        catch
        {
            transaction.RollbackTo(savepoint);
            if (owner)
            {
                chain.Transaction = null;
                chain.Failure = null;
            }

            throw;
        }
    }

    /// <summary>The request's "ConcurrencyBehavior" parameter (UpdateRequest.ConcurrencyBehavior); Default when absent.</summary>
    private static ConcurrencyBehavior ConcurrencyBehaviorOf(OrganizationRequest request) =>
        request.Parameters?.TryGetValue(nameof(ConcurrencyBehavior), out var value) == true && value is ConcurrencyBehavior behavior
            ? behavior
            : ConcurrencyBehavior.Default;

    /// <summary>
    /// Optimistic concurrency. Checked in the core operation, where Dataverse compares versions as it writes the row:
    /// pre-validation and pre-operation steps have run, and the fault rolls back what they wrote in the transaction.
    /// Default and AlwaysOverwrite write whatever the version.
    /// </summary>
    private void CheckRowVersion(Table table, Row row, ConcurrencyBehavior behavior, string? rowVersion)
    {
        if (behavior != ConcurrencyBehavior.IfRowVersionMatches)
        {
            return;
        }

        if (!HasOptimisticConcurrency(table.LogicalName))
        {
            throw Faults.OptimisticConcurrencyNotEnabled(table.LogicalName);
        }

        if (string.IsNullOrEmpty(rowVersion))
        {
            throw Faults.ConcurrencyVersionNotProvided();
        }

        if (!string.Equals(rowVersion, table.RowVersionOf(row), StringComparison.Ordinal))
        {
            throw Faults.ConcurrencyVersionMismatch();
        }
    }

    private void Wrote(CallerScope caller, string message, string entityName, Guid id, IReadOnlyList<string> attributes)
    {
        Counters.Write();
        caller.Run?.AddWrite(new WriteRecord(message, entityName, id, attributes));
    }

    private void Read(CallerScope caller, QueryRecord record, bool? indexUsed)
    {
        Counters.Query(record.RowsReturned, record.RowsExamined, indexUsed);
        caller.Run?.AddQuery(record);
    }

    /// <summary>
    /// What Dataverse adds to a row it returns: a lookup's Name (the referenced row's primary name, when the row is
    /// here) and FormattedValues for lookups, choices with registered labels, multi-select choices, yes/no columns,
    /// money and dates (in the user's <see cref="TimeZone"/> and <see cref="Culture"/>). Called under the read lock.
    /// </summary>
    private Entity Decorated(Entity entity)
    {
        Decorate(entity);
        return entity;
    }

    private void Decorate(Entity entity)
    {
        foreach (var attribute in entity.Attributes)
        {
            var (table, column, value) = attribute.Value is AliasedValue aliased
                ? (aliased.EntityLogicalName, aliased.AttributeLogicalName, aliased.Value)
                : (entity.LogicalName, attribute.Key, attribute.Value);
            if (Formatted(table, column, value) is { } text)
            {
                entity.FormattedValues[attribute.Key] = text;
            }
        }
    }

    private string? Formatted(string table, string column, object? value)
    {
        switch (value)
        {
            case EntityReference reference:
                if (ExistingTable(reference.LogicalName ?? string.Empty) is { } referenced
                    && referenced.Find(reference.Id) is { } row
                    && row.Get(referenced.Ordinal(PrimaryNameOf(referenced.LogicalName))) is string name)
                {
                    reference.Name = name;
                }

                return reference.Name;
            case OptionSetValue option:
                return OptionLabelsOf(table, column) is { } labels && labels.TryGetValue(option.Value, out var label) ? label : null;
            case OptionSetValueCollection options:
                return OptionLabelsOf(table, column) is { } all && options.All(o => all.ContainsKey(o.Value))
                    ? string.Join("; ", options.Select(o => all[o.Value]))
                    : null;
            case bool flag:
                return OptionLabelsOf(table, column) is { } yesNo && yesNo.TryGetValue(flag ? 1 : 0, out var text) ? text : (flag ? "Yes" : "No");
            case Money money:
                return money.Value.ToString("C", Culture);
            case DateTime time:
                // ICU puts a narrow no-break space before AM/PM; Dataverse's formatted values use a plain space.
                return TimeZoneInfo.ConvertTimeFromUtc(Values.ToUtc(time), TimeZone).ToString("g", Culture).Replace('\u202F', ' ');
            default:
                return null;
        }
    }

    /// <summary>The registered relationships of a Create's RelatedEntities (deep insert); an unknown one is refused before anything runs.</summary>
    private List<(object Relationship, EntityRole? Role, IList<Entity> Rows)> RelatedToCreate(Entity entity)
    {
        var related = new List<(object, EntityRole?, IList<Entity>)>();
        foreach (var pair in entity.RelatedEntities)
        {
            related.Add((RelationshipNamed(pair.Key, $"RelatedEntities of a {entity.LogicalName} Create"), pair.Key.PrimaryEntityRole, pair.Value?.Entities ?? (IList<Entity>)[]));
        }

        return related;
    }

    private static bool TargetIsFirst((object Relationship, EntityRole? Role, IList<Entity> Rows) related, string table) =>
        related.Rows.Count == 0 || RelationshipSides.IsFirstSide(related.Relationship, table, related.Rows[0].LogicalName, related.Role);

    /// <summary>Deep insert after the row is written: children of a 1:N get the lookup to it; N:N rows are created and associated.</summary>
    private void CreateRelated(
        EntityReference parent, IEnumerable<(object Relationship, EntityRole? Role, IList<Entity> Rows)> related, CallerScope inner, Transaction transaction)
    {
        foreach (var (relationship, role, rows) in related)
        {
            foreach (var row in rows)
            {
                var child = Copies.Entity(row);
                child.RelatedEntities.AddRange(row.RelatedEntities);
                if (relationship is OneToManyRelationship one)
                {
                    child[one.ReferencingAttribute] = new EntityReference(parent.LogicalName, parent.Id);
                    Create(child, inner, new CreateRequest { Target = child });
                }
                else
                {
                    var id = Create(child, inner, new CreateRequest { Target = child });
                    Link(relationship, role, parent, new EntityReference(child.LogicalName, id), associate: true, inner, transaction);
                }
            }
        }
    }

    private void Link(object relationship, EntityRole? role, EntityReference target, EntityReference other, bool associate, CallerScope inner, Transaction transaction)
    {
        var message = associate ? "Associate" : "Disassociate";
        foreach (var reference in new[] { target, other })
        {
            if (ExistingTable(reference.LogicalName)?.Contains(reference.Id) != true)
            {
                throw Faults.DoesNotExist(reference.LogicalName, reference.Id);
            }
        }

        var targetIsFirst = RelationshipSides.IsFirstSide(relationship, target.LogicalName, other.LogicalName, role);
        var (first, second) = targetIsFirst ? (target, other) : (other, target);
        if (relationship is OneToManyRelationship one)
        {
            // first is the referenced (parent) row, second the referencing row whose lookup changes.
            var current = ExistingTable(second.LogicalName)!.Find(second.Id)!.Get(ExistingTable(second.LogicalName)!.Ordinal(one.ReferencingAttribute)) as EntityReference;
            if (associate || current?.Id == first.Id)
            {
                var change = new Entity(second.LogicalName, second.Id) { [one.ReferencingAttribute] = associate ? new EntityReference(first.LogicalName, first.Id) : null };
                Update(change, inner, new UpdateRequest { Target = change });
            }

            return;
        }

        var many = (ManyToManyRelationship)relationship;
        var intersect = TableFor(many.IntersectEntityName);
        var firstOrdinal = intersect.OrdinalFor(many.Entity1IntersectAttribute);
        var secondOrdinal = intersect.OrdinalFor(many.Entity2IntersectAttribute);
        var pairs = new List<Row>();
        QueryEngine.Lookup(intersect, firstOrdinal, 1, (_, valueClass) => valueClass == ValueClass.Id ? first.Id : null, pairs);
        pairs.RemoveAll(row => row.Get(secondOrdinal) is not Guid id || id != second.Id);
        if (!associate)
        {
            foreach (var row in pairs)
            {
                intersect.Delete(row, transaction);
                Wrote(inner, message, many.IntersectEntityName, row.Id, []);
            }

            return;
        }

        if (pairs.Count > 0)
        {
            throw Faults.Fault(
                OrganizationErrorCodes.DuplicateRecord,
                $"Cannot insert duplicate key. {first.LogicalName} {first.Id} and {second.LogicalName} {second.Id} are associated through {many.SchemaName} already.");
        }

        var values = intersect.NewValues();
        var pairId = Guid.NewGuid();
        values[intersect.PrimaryKeyOrdinal] = pairId;
        values[intersect.VersionNumberOrdinal] = NextRowVersion();
        values[firstOrdinal] = first.Id;
        values[secondOrdinal] = second.Id;
        intersect.Insert(pairId, values, transaction);
        Wrote(inner, message, many.IntersectEntityName, pairId, [many.Entity1IntersectAttribute, many.Entity2IntersectAttribute]);
    }

    /// <summary>A deleted row leaves none of its many-to-many associations behind: Dataverse removes their intersect rows.</summary>
    private void RemoveAssociations(string entityName, Guid id, Transaction transaction)
    {
        foreach (var many in ManyToManyRelationshipsOf(entityName))
        {
            if (ExistingTable(many.IntersectEntityName) is not { } intersect)
            {
                continue;
            }

            foreach (var column in new[] { many.Entity1LogicalName == entityName ? many.Entity1IntersectAttribute : null, many.Entity2LogicalName == entityName ? many.Entity2IntersectAttribute : null })
            {
                if (column is null)
                {
                    continue;
                }

                var pairs = new List<Row>();
                QueryEngine.Lookup(intersect, intersect.Ordinal(column), 1, (_, valueClass) => valueClass == ValueClass.Id ? id : null, pairs);
                foreach (var pair in pairs.Where(p => intersect.Contains(p.Id)))
                {
                    intersect.Delete(pair, transaction);
                }
            }
        }
    }

    /// <summary>A copy of the caller's entity with checked names; the caller's object is never changed.</summary>
    private static Entity Validated(Entity? entity, string message, bool allowKeys = false)
    {
        if (entity is null)
        {
            throw Faults.Invalid($"{message} needs an entity; it was null.");
        }

        Faults.CheckLogicalName(entity.LogicalName, "table");
        if (message != "Create" && entity.RelatedEntities.Count > 0)
        {
            throw new NotSupportedException(
                $"LocalOrg does not support RelatedEntities on {message} ({entity.LogicalName}): create related rows with Create (deep insert) or link them with Associate.");
        }

        if (!allowKeys && entity.KeyAttributes is { Count: > 0 })
        {
            throw new NotSupportedException(
                $"LocalOrg does not support KeyAttributes on {message} ({entity.LogicalName}): set the key's columns as attributes, or use Upsert to create a row named by its alternate key.");
        }

        foreach (var attribute in entity.Attributes.Keys)
        {
            Faults.CheckAttributeName(entity.LogicalName, attribute);
        }

        var copy = Copies.Entity(entity);

        // A lookup named by alternate key keeps its key values, to be resolved when it is stored.
        foreach (var attribute in entity.Attributes)
        {
            if (attribute.Value is EntityReference { Id: var id } reference && id == Guid.Empty && reference.KeyAttributes.Count > 0)
            {
                var keys = new KeyAttributeCollection();
                keys.AddRange(reference.KeyAttributes.Select(k => new KeyValuePair<string, object>(k.Key, Copies.Value(k.Value)!)));
                copy[attribute.Key] = new EntityReference(reference.LogicalName, keys) { Name = reference.Name };
            }
        }

        return copy;
    }

    /// <summary>The row id from Entity.Id or the primary key column; they must agree when both are set.</summary>
    private static Guid ResolveId(Entity target, Table table, bool required)
    {
        var id = target.Id;
        if (target.Attributes.TryGetValue(table.PrimaryKey, out var keyValue) && keyValue is not null)
        {
            if (keyValue is not Guid key)
            {
                throw Faults.Invalid($"The primary key '{table.PrimaryKey}' of {table.LogicalName} must be a Guid, not {Values.Describe(keyValue)}.");
            }

            if (id != Guid.Empty && id != key)
            {
                throw Faults.Invalid($"The {table.LogicalName} entity has Id {id} but its '{table.PrimaryKey}' is {key}; they must be the same.");
            }

            id = key;
        }

        if (required && id == Guid.Empty)
        {
            throw Faults.Invalid($"Entity Id must be specified for {table.LogicalName}: set Entity.Id (or '{table.PrimaryKey}').");
        }

        return id;
    }

    /// <summary>
    /// The stored values of a new row: the target's columns plus Dataverse's defaults. A Create (<paramref name="user"/>
    /// given) is stamped with createdby/modifiedby; overriddencreatedon, as in a data migration, becomes createdon while
    /// overriddencreatedon keeps when the row was really created.
    /// </summary>
    private object?[] NewValues(Table table, Entity target, Guid id, DateTime now, bool keepGivenDates, Guid? user = null)
    {
        var ordinals = target.Attributes.Select(a => (Ordinal: table.OrdinalFor(a.Key), a.Value)).ToList();
        var state = table.OrdinalFor("statecode");
        var status = table.OrdinalFor("statuscode");
        var createdOn = table.OrdinalFor("createdon");
        var modifiedOn = table.OrdinalFor("modifiedon");
        var overriddenCreatedOn = target.Attributes.TryGetValue(OverriddenCreatedOn, out var given) && given is DateTime overridden ? table.OrdinalFor(OverriddenCreatedOn) : -1;
        var (createdBy, modifiedBy) = user is null ? (-1, -1) : (table.OrdinalFor("createdby"), table.OrdinalFor("modifiedby"));
        var values = table.NewValues();
        foreach (var (ordinal, value) in ordinals)
        {
            values[ordinal] = Stored(value);
        }

        values[table.PrimaryKeyOrdinal] = id;
        values[table.VersionNumberOrdinal] = NextRowVersion();
        values[state] ??= Stored(new OptionSetValue(0));
        values[status] ??= Stored(new OptionSetValue(1));

        // Dataverse sets createdon/modifiedon itself; seeded rows (Initialize) may carry their own for date tests.
        values[createdOn] = keepGivenDates && values[createdOn] is not null ? values[createdOn] : now;
        values[modifiedOn] = keepGivenDates && values[modifiedOn] is not null ? values[modifiedOn] : now;
        if (overriddenCreatedOn >= 0)
        {
            values[createdOn] = Values.ToUtc((DateTime)given!);
            values[overriddenCreatedOn] = now;
        }

        if (user is { } by)
        {
            values[createdBy] = interner.User(by);
            values[modifiedBy] = interner.User(by);
        }

        return values;
    }

    private object?[] MergedValues(Table table, Row row, Entity target, Guid user)
    {
        var changes = target.Attributes
            .Where(a => a.Key != table.PrimaryKey && !PlatformColumns.Contains(a.Key))
            .Select(a => (Ordinal: table.OrdinalFor(a.Key), a.Value))
            .ToList();
        var modifiedOn = table.OrdinalFor("modifiedon");
        var modifiedBy = table.OrdinalFor("modifiedby");
        var values = new object?[table.Columns.Count];
        Array.Copy(row.Values, values, row.Values.Length);
        foreach (var (ordinal, value) in changes)
        {
            values[ordinal] = Stored(value);
        }

        values[modifiedOn] = UtcNow();
        values[modifiedBy] = interner.User(user);
        values[table.VersionNumberOrdinal] = NextRowVersion();
        return values;
    }

    /// <summary>
    /// The value as stored: option values shared, everything else copied. A lookup written by alternate key
    /// (<c>new EntityReference("account", "accountnumber", "A-1")</c>) is resolved to the row's id, as Dataverse does.
    /// Called under the write lock.
    /// </summary>
    private object? Stored(object? value) => value switch
    {
        OptionSetValue => interner.Intern(value),
        EntityReference reference when reference.Id == Guid.Empty && reference.KeyAttributes.Count > 0 =>
            new EntityReference(reference.LogicalName, IdByAlternateKey(reference.LogicalName, reference.KeyAttributes)) { Name = reference.Name },
        _ => Copies.Value(value),
    };
}
