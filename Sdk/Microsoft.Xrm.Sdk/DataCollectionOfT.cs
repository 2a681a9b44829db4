using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Microsoft.Xrm.Sdk;

/// <summary>A list of SDK values with range helpers; only the SDK creates one.</summary>
public class DataCollection<T> : Collection<T>
{
    internal DataCollection()
    {
    }

    /// <summary>Copies <paramref name="list"/>, so a fixed-size source (an array) still gives a growable collection.</summary>
    internal DataCollection(IList<T> list)
        : base(new List<T>(list ?? throw new ArgumentNullException(nameof(list))))
    {
    }

    public void AddRange(params T[] items)
    {
        AddRange((IEnumerable<T>)items);
    }

    public void AddRange(IEnumerable<T> items)
    {
        Guard.NotNull(items, nameof(items));

        foreach (var item in items)
        {
            Add(item);
        }
    }

    public T[] ToArray()
    {
        var array = new T[Count];
        CopyTo(array, 0);
        return array;
    }
}
