using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

/// <summary>The columns a query or retrieve returns: named columns, or all of them.</summary>
public sealed class ColumnSet : IExtensibleDataObject
{
    public ColumnSet()
    {
        Columns = new DataCollection<string>();
    }

    public ColumnSet(bool allColumns)
        : this()
    {
        AllColumns = allColumns;
    }

    public ColumnSet(params string[] columns)
        : this()
    {
        AddColumns(columns);
    }

    public bool AllColumns { get; set; }

    public DataCollection<string> Columns { get; set; }

    public bool HasLazyFileAttribute { get; set; }

    public string LazyFileAttributeEntityName { get; set; }

    public string LazyFileAttributeKey { get; set; }

    public Lazy<object> LazyFileAttributeValue { get; set; }

    public int LazyFileAttributeSizeLimit { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    public void AddColumns(params string[] columns)
    {
        Guard.NotNull(columns, nameof(columns));

        Columns.AddRange(columns);
    }

    public void AddColumn(string column)
    {
        Columns.Add(column);
    }
}
