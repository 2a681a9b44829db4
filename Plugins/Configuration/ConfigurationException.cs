using System;

namespace Identification.Plugins.Configuration;

/// <summary>The step's configuration cannot be used; the message says what to fix.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException()
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
