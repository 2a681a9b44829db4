using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk;

/// <summary>Named parameters of a request, a response or an execution context.</summary>
public class ParameterCollection : DataCollection<string, object>
{
    public ParameterCollection()
    {
    }

    protected ParameterCollection(IDictionary<string, object> collection)
        : base(collection)
    {
    }

    /// <summary>Sets <paramref name="key"/> to <paramref name="obj"/> unless <paramref name="obj"/> is null.</summary>
    public void AddOrUpdateIfNotNull(string key, object obj)
    {
        if (obj != null)
        {
            this[key] = obj;
        }
    }

    /// <summary>Gets the value as <typeparamref name="T"/>; false when absent or of another type. Not in every 9.0.2.x build.</summary>
    public bool TryGetValue<T>(string key, out T value)
    {
        // base: in this class an unqualified TryGetValue(key, out object) binds to TryGetValue<object>, i.e. itself.
        if (base.TryGetValue(key, out var raw) && raw is T typed)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
    }
}
