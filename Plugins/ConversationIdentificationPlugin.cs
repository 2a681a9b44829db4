using System;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins;

/// <summary>
/// Identifies the customer and case of an Omnichannel conversation. Registered on the steps in
/// <see cref="Registration.PluginSteps"/>; one instance serves many threads, so it holds only read-only state.
/// </summary>
public sealed class ConversationIdentificationPlugin : IPlugin
{
    public ConversationIdentificationPlugin()
        : this(null, null)
    {
    }

    /// <summary>Dataverse passes the step's unsecure and secure configuration.</summary>
    public ConversationIdentificationPlugin(string? unsecureConfiguration, string? secureConfiguration)
    {
        UnsecureConfiguration = unsecureConfiguration;
        _ = secureConfiguration;
    }

    public string? UnsecureConfiguration { get; }

    public void Execute(IServiceProvider serviceProvider)
    {
        if (serviceProvider == null) throw new ArgumentNullException(nameof(serviceProvider));
        var tracing = (ITracingService?)serviceProvider.GetService(typeof(ITracingService));
        tracing?.Trace("Identification: not yet wired.");
    }
}
