using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

/// <summary>The columns a query or retrieve returns: named columns, or all of them.</summary>
public sealed class ColumnSet : IExtensibleDataObject
{
    private DataCollection<string> _columns;
    private DataCollection<XrmAttributeExpression> _attributeExpressions;

    public ColumnSet()
    {
    }

    public ColumnSet(bool allColumns)
        : this()
    {
        AllColumns = allColumns;
    }

    /// <summary>The named columns; null gives no columns (not all of them).</summary>
    public ColumnSet(params string[] columns)
    {
        if (columns != null)
        {
            AddColumns(columns);
        }
    }

    public bool AllColumns { get; set; }

    /// <summary>The named columns; set to null, it reads as a new empty collection, as in the real SDK.</summary>
    public DataCollection<string> Columns
    {
        get => _columns ??= new DataCollection<string>();
        set => _columns = value;
    }

    /// <summary>The aggregates and groups of an aggregate query; set to null, it reads as a new empty collection.</summary>
    public DataCollection<XrmAttributeExpression> AttributeExpressions
    {
        get => _attributeExpressions ??= new DataCollection<XrmAttributeExpression>();
        set => _attributeExpressions = value;
    }

    public bool HasLazyFileAttribute { get; set; }

    public string LazyFileAttributeEntityName { get; set; }

    public string LazyFileAttributeKey { get; set; }

    public Lazy<object> LazyFileAttributeValue { get; set; }

    public int LazyFileAttributeSizeLimit { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    // No null check, as in the real SDK (whose constructor checks and whose AddColumns does not): null throws
    // NullReferenceException there, and here.
    public void AddColumns(params string[] columns)
    {
        foreach (var column in columns)
        {
            Columns.Add(column);
        }
    }

    public void AddColumn(string column)
    {
        Columns.Add(column);
    }
}
