using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Microsoft.Xrm.Sdk;

/// <summary>A list of SDK values with range helpers; only the SDK creates one.</summary>
public class DataCollection<T> : Collection<T>
{
    internal DataCollection()
    {
    }

    /// <summary>
    /// Copies <paramref name="list"/>, so a fixed-size source (an array) still gives a growable collection; null gives
    /// an empty one, as in the real SDK.
    /// </summary>
    internal DataCollection(IList<T> list)
        : base(list == null ? new List<T>() : new List<T>(list))
    {
    }

    public void AddRange(params T[] items)
    {
        AddRange((IEnumerable<T>)items);
    }

    /// <summary>Appends the items in order; null adds nothing, as in the real SDK.</summary>
    public void AddRange(IEnumerable<T> items)
    {
        if (items == null)
        {
            return;
        }

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
