using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>A record: logical name, id and attribute values (late bound; early-bound classes derive from it).</summary>
public class Entity : IExtensibleDataObject
{
    private Guid _id;

    public Entity()
    {
        Attributes = new AttributeCollection();
        FormattedValues = new FormattedValueCollection();
        RelatedEntities = new RelatedEntityCollection();
        KeyAttributes = new KeyAttributeCollection();
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

    public AttributeCollection Attributes { get; set; }

    public EntityState? EntityState { get; set; }

    public FormattedValueCollection FormattedValues { get; set; }

    public RelatedEntityCollection RelatedEntities { get; set; }

    public string RowVersion { get; set; }

    public KeyAttributeCollection KeyAttributes { get; set; }

    public bool HasLazyFileAttribute { get; set; }

    public string LazyFileAttributeKey { get; set; }

    public Lazy<object> LazyFileAttributeValue { get; set; }

    public string LazyFileSizeAttributeKey { get; set; }

    public int LazyFileSizeAttributeValue { get; set; }

    /// <summary>Gets an attribute value (KeyNotFoundException when absent) or sets one.</summary>
    public object this[string attributeName]
    {
        get => Attributes[attributeName];
        set => SetAttributeValue(attributeName, value);
    }

    public ExtensionDataObject ExtensionData { get; set; }

    public bool Contains(string attributeName) => Attributes.Contains(attributeName);

    /// <summary>
    /// A shallow copy as <typeparamref name="T"/>: the copy shares this entity's attribute collections.
    /// Throws NotSupportedException when <typeparamref name="T"/> is bound to another logical name.
    /// </summary>
    public T ToEntity<T>()
        where T : Entity
    {
        var copy = Activator.CreateInstance<T>();
        if (!string.IsNullOrEmpty(copy.LogicalName) && !string.IsNullOrEmpty(LogicalName)
            && !string.Equals(copy.LogicalName, LogicalName, StringComparison.Ordinal))
        {
            throw new NotSupportedException(
                $"Cannot convert an entity with logical name '{LogicalName}' to {typeof(T).Name} ('{copy.LogicalName}').");
        }

        if (string.IsNullOrEmpty(copy.LogicalName))
        {
            copy.LogicalName = LogicalName;
        }

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

    public EntityReference ToEntityReference() =>
        new EntityReference(LogicalName, Id) { KeyAttributes = KeyAttributes };

    /// <summary>The attribute value cast to <typeparamref name="T"/>; default when absent or null.</summary>
    public virtual T GetAttributeValue<T>(string attributeLogicalName)
    {
        if (Attributes.TryGetValue(attributeLogicalName, out var value) && value != null)
        {
            return (T)value;
        }

        return default;
    }

    /// <summary>True when the attribute is present and null or a <typeparamref name="T"/>.</summary>
    public bool TryGetAttributeValue<T>(string attributeKey, out T result)
    {
        if (Attributes.TryGetValue(attributeKey, out var value) && (value == null || value is T))
        {
            result = value == null ? default : (T)value;
            return true;
        }

        result = default;
        return false;
    }

    protected virtual void SetAttributeValue(string attributeLogicalName, object value)
    {
        Attributes[attributeLogicalName] = value;
    }

    /// <summary>The formatted value of the attribute, or null when there is none.</summary>
    protected virtual string GetFormattedAttributeValue(string attributeLogicalName) =>
        FormattedValues.TryGetValue(attributeLogicalName, out var text) ? text : null;

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
}
