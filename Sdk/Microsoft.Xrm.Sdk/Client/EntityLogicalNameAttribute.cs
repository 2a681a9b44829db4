using System;

namespace Microsoft.Xrm.Sdk.Client;

/// <summary>Binds an early-bound class to its table, so Entity.ToEntity&lt;T&gt; can check what it converts.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EntityLogicalNameAttribute : Attribute
{
    /// <summary>Throws ArgumentNullException for a null, empty or blank name, as the real SDK does.</summary>
    public EntityLogicalNameAttribute(string logicalName)
    {
        if (string.IsNullOrWhiteSpace(logicalName))
        {
            throw new ArgumentNullException(nameof(logicalName));
        }

        LogicalName = logicalName;
    }

    public string LogicalName { get; private set; }
}
