using System;

namespace Microsoft.Xrm.Sdk;

/// <summary>Argument checks that compile on net462, which lacks ArgumentNullException.ThrowIfNull.</summary>
internal static class Guard
{
    internal static void NotNull(object value, string parameterName)
    {
        if (value == null)
        {
            throw new ArgumentNullException(parameterName);
        }
    }
}
