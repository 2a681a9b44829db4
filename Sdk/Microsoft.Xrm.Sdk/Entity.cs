using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Client;

namespace Microsoft.Xrm.Sdk;

/// <summary>A record: logical name, id and attribute values (late bound; early-bound classes derive from it).</summary>
public class Entity : IExtensibleDataObject
{
    private Guid _id;
    private AttributeCollection _attributes;
    private FormattedValueCollection _formattedValues;
    private RelatedEntityCollection _relatedEntities;
    private KeyAttributeCollection _keyAttributes;

    public Entity()
    {
    }

    public Entity(string entityName)
        : this()
    {
        LogicalName = entityName;
    }

    public Entity(string entityName, Guid id)
        : this(entityName)
    {
        _id = id;
    }

    public Entity(string entityName, string keyName, object keyValue)
        : this(entityName)
    {
        KeyAttributes[keyName] = keyValue;
    }

    public Entity(string entityName, KeyAttributeCollection keyAttributes)
        : this(entityName)
    {
        KeyAttributes = keyAttributes;
    }

    public string LogicalName { get; set; }

    public virtual Guid Id
    {
        get => _id;
        set => _id = value;
    }

    // The collections below, set to null, read as new empty ones (as in the real SDK): code may always write to them.
    public AttributeCollection Attributes
    {
        get => _attributes ??= new AttributeCollection();
        set => _attributes = value;
    }

    public EntityState? EntityState { get; set; }

    public FormattedValueCollection FormattedValues
    {
        get => _formattedValues ??= new FormattedValueCollection();
        set => _formattedValues = value;
    }

    public RelatedEntityCollection RelatedEntities
    {
        get => _relatedEntities ??= new RelatedEntityCollection();
        set => _relatedEntities = value;
    }

    public string RowVersion { get; set; }

    public KeyAttributeCollection KeyAttributes
    {
        get => _keyAttributes ??= new KeyAttributeCollection();
        set => _keyAttributes = value;
    }

    public bool HasLazyFileAttribute { get; set; }

    public string LazyFileAttributeKey { get; set; }

    public Lazy<object> LazyFileAttributeValue { get; set; }

    public string LazyFileSizeAttributeKey { get; set; }

    public int LazyFileSizeAttributeValue { get; set; }

    /// <summary>
    /// Gets an attribute value (KeyNotFoundException when absent) or sets one. Both go straight to
    /// <see cref="Attributes"/>: the setter does not call an early-bound class's SetAttributeValue override.
    /// </summary>
    public object this[string attributeName]
    {
        get => Attributes[attributeName];
        set => Attributes[attributeName] = value;
    }

    public ExtensionDataObject ExtensionData { get; set; }

    public bool Contains(string attributeName) => Attributes.Contains(attributeName);

    /// <summary>
    /// A shallow copy as <typeparamref name="T"/>: the copy shares this entity's attribute collections. Any T but
    /// Entity itself needs [EntityLogicalName] naming this entity's LogicalName (compared exactly), and a LogicalName
    /// set; otherwise NotSupportedException, worded as the real SDK words it.
    /// </summary>
    public T ToEntity<T>()
        where T : Entity
    {
        if (typeof(T) != typeof(Entity))
        {
            if (string.IsNullOrWhiteSpace(LogicalName))
            {
                throw new NotSupportedException("LogicalName must be set before calling ToEntity()");
            }

            var bound = typeof(T).GetCustomAttribute<EntityLogicalNameAttribute>(inherit: true)
                ?? throw new NotSupportedException("Cannot convert to type that is does not have EntityLogicalNameAttribute");
            if (!string.Equals(bound.LogicalName, LogicalName, StringComparison.Ordinal))
            {
                throw new NotSupportedException($"Cannot convert entity {LogicalName} to {bound.LogicalName}");
            }
        }

        var copy = Activator.CreateInstance<T>();
        copy.LogicalName = LogicalName;
        copy.Attributes = Attributes;
        copy.Id = Id;
        copy.EntityState = EntityState;
        copy.FormattedValues = FormattedValues;
        copy.RelatedEntities = RelatedEntities;
        copy.KeyAttributes = KeyAttributes;
        copy.RowVersion = RowVersion;
        copy.ExtensionData = ExtensionData;
        return copy;
    }

    /// <summary>A reference with this entity's LogicalName, Id and RowVersion (not its alternate keys, nor a name).</summary>
    public EntityReference ToEntityReference() =>
        new EntityReference(LogicalName, Id) { RowVersion = RowVersion };

    /// <summary>The attribute value cast to <typeparamref name="T"/> (InvalidCastException if it is not one); default when absent or null.</summary>
    public virtual T GetAttributeValue<T>(string attributeLogicalName)
    {
        CheckAttributeName(attributeLogicalName);
        if (Attributes.TryGetValue(attributeLogicalName, out var value) && value != null)
        {
            return (T)value;
        }

        return default;
    }

    /// <summary>
    /// True when the attribute holds a non-null <typeparamref name="T"/>, or a value that T's TypeConverter converts
    /// ("5" as int gives 5, in the current culture). Never throws: a null or blank key, a missing or null value, or
    /// a failed conversion all give false and default.
    /// </summary>
    public bool TryGetAttributeValue<T>(string attributeKey, out T result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(attributeKey) || !Attributes.TryGetValue(attributeKey, out var value) || value == null)
        {
            return false;
        }

        if (value is T typed)
        {
            result = typed;
            return true;
        }

        try
        {
            var converter = TypeDescriptor.GetConverter(typeof(T));
            if (!converter.CanConvertFrom(value.GetType()))
            {
                return false;
            }

            result = (T)converter.ConvertFrom(value);
            return true;
        }
#pragma warning disable CA1031 // "Try": a value the converter rejects (a bad format, an overflow, anything) is simply not a T.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    protected virtual void SetAttributeValue(string attributeLogicalName, object value)
    {
        CheckAttributeName(attributeLogicalName);
        Attributes[attributeLogicalName] = value;
    }

    /// <summary>The formatted value of the attribute, or null when there is none.</summary>
    protected virtual string GetFormattedAttributeValue(string attributeLogicalName)
    {
        CheckAttributeName(attributeLogicalName);
        return FormattedValues.TryGetValue(attributeLogicalName, out var text) ? text : null;
    }

    protected virtual TEntity GetRelatedEntity<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole)
        where TEntity : Entity =>
        GetRelatedEntities<TEntity>(relationshipSchemaName, primaryEntityRole)?.FirstOrDefault();

    protected virtual void SetRelatedEntity<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole, TEntity entity)
        where TEntity : Entity
    {
        SetRelatedEntities(relationshipSchemaName, primaryEntityRole, entity == null ? null : new[] { entity });
    }

    protected virtual IEnumerable<TEntity> GetRelatedEntities<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole)
        where TEntity : Entity
    {
        var relationship = new Relationship(relationshipSchemaName) { PrimaryEntityRole = primaryEntityRole };
        if (!RelatedEntities.TryGetValue(relationship, out var related) || related == null)
        {
            return null;
        }

        return related.Entities.Select(e => e.ToEntity<TEntity>()).ToList();
    }

    protected virtual void SetRelatedEntities<TEntity>(string relationshipSchemaName, EntityRole? primaryEntityRole, IEnumerable<TEntity> entities)
        where TEntity : Entity
    {
        var relationship = new Relationship(relationshipSchemaName) { PrimaryEntityRole = primaryEntityRole };
        if (entities == null)
        {
            RelatedEntities.Remove(relationship);
            return;
        }

        var list = entities.Cast<Entity>().ToList();
        RelatedEntities[relationship] = new EntityCollection(list)
        {
            EntityName = list.Count > 0 ? list[0].LogicalName : null,
        };
    }

    // The real SDK's check: a blank name is as missing as a null one.
    private static void CheckAttributeName(string attributeLogicalName)
    {
        if (string.IsNullOrWhiteSpace(attributeLogicalName))
        {
            throw new ArgumentNullException(nameof(attributeLogicalName));
        }
    }
}
