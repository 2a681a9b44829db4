using System;

namespace Identification.LocalOrg;

/// <summary>
/// One stored row: values by column ordinal of its table (null = no value, as Dataverse does not distinguish a null
/// column from an absent one). Compact on purpose: a million rows are a million small arrays, not dictionaries.
/// </summary>
internal sealed class Row(Guid id, long sequence, object?[] values)
{
    public Guid Id { get; } = id;

    /// <summary>Insertion order: the order rows come back in when a query names no order.</summary>
    public long Sequence { get; } = sequence;

    public object?[] Values { get; set; } = values;

    public object? Get(int ordinal) => ordinal >= 0 && ordinal < Values.Length ? Values[ordinal] : null;
}
