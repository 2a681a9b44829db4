using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>
/// Copies SDK values across the store boundary. SDK value types (OptionSetValue, EntityReference, Money, …) are
/// mutable classes, so a value is copied when it goes in and again when it comes out: nothing a caller holds is
/// ever shared with the store.
/// </summary>
internal static class Copies
{
    public static object? Value(object? value) => value switch
    {
        null => null,
        string or Guid or bool or int or long or short or byte or decimal or double or float => value,
        DateTime time => Values.ToUtc(time),
        OptionSetValue option => new OptionSetValue(option.Value),
        Money money => new Money(money.Value),
        EntityReference reference => Reference(reference),
        OptionSetValueCollection options => new OptionSetValueCollection(options.Select(o => new OptionSetValue(o.Value)).ToList()),
        EntityCollection collection => Collection(collection),
        Entity entity => Entity(entity),
        AliasedValue aliased => new AliasedValue(aliased.EntityLogicalName, aliased.AttributeLogicalName, Value(aliased.Value)),
        byte[] bytes => bytes.Clone(),
        _ => value,
    };

    public static EntityReference Reference(EntityReference reference) =>
        new(reference.LogicalName, reference.Id) { Name = reference.Name };

    public static Entity Entity(Entity source)
    {
        var copy = new Entity(source.LogicalName) { Id = source.Id, RowVersion = source.RowVersion };
        foreach (var attribute in source.Attributes)
        {
            copy[attribute.Key] = Value(attribute.Value);
        }

        return copy;
    }

    private static EntityCollection Collection(EntityCollection source)
    {
        var copy = new EntityCollection(source.Entities.Select(Entity).ToList())
        {
            EntityName = source.EntityName,
            MoreRecords = source.MoreRecords,
            PagingCookie = source.PagingCookie,
            TotalRecordCount = source.TotalRecordCount,
        };
        return copy;
    }
}

/// <summary>Shares one stored instance per option value: a million rows with statecode 0 hold one object, not a million.</summary>
internal sealed class ValueInterner
{
    private readonly Dictionary<int, OptionSetValue> options = [];
    private readonly Dictionary<Guid, EntityReference> users = [];

    /// <summary>
    /// One stored createdby/modifiedby reference per user (values are copied on the way out, so sharing is safe).
    /// Called under the organization's write lock, like <see cref="Intern"/>.
    /// </summary>
    public EntityReference User(Guid id)
    {
        if (!users.TryGetValue(id, out var reference))
        {
            reference = new EntityReference("systemuser", id);
            users.Add(id, reference);
        }

        return reference;
    }

    public object? Intern(object? value)
    {
        if (value is OptionSetValue option)
        {
            if (!options.TryGetValue(option.Value, out var shared))
            {
                shared = new OptionSetValue(option.Value);
                options.Add(option.Value, shared);
            }

            return shared;
        }

        return value;
    }
}
