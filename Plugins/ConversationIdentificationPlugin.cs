using System;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Identification.Plugins.Identification;
using Identification.Plugins.Outcome;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins;

/// <summary>
/// Identifies the customer and case of an Omnichannel conversation and links them when exactly one record matches.
/// Registered on the steps in <see cref="Registration.PluginSteps"/>. One instance serves many threads: it keeps
/// only the configuration, parsed once here, and never fails the operation that triggered it.
/// </summary>
public sealed class ConversationIdentificationPlugin : IPlugin
{
    /// <summary>IExecutionContext.Mode of a step that runs in the asynchronous service.</summary>
    private const int AsynchronousMode = 1;

    private readonly IdentificationSettings _settings;
    private readonly string? _configurationError;

    public ConversationIdentificationPlugin()
        : this(null, null)
    {
    }

    /// <summary>Dataverse passes the step's unsecure configuration (JSON, see the README) and secure configuration (unused).</summary>
    public ConversationIdentificationPlugin(string? unsecureConfiguration, string? secureConfiguration)
    {
        _ = secureConfiguration;

        // An unusable configuration is reported on every conversation until fixed; throwing here would fail every conversation create.
        _settings = StepConfiguration.Parse(() => IdentificationSettings.Parse(unsecureConfiguration), out _configurationError) ?? IdentificationSettings.Default;
    }

    public void Execute(IServiceProvider serviceProvider)
    {
        if (serviceProvider == null)
        {
            throw new ArgumentNullException(nameof(serviceProvider));
        }

        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = new ExecutionTrace((ITracingService?)serviceProvider.GetService(typeof(ITracingService)), context.OperationCreatedOn);
        trace.Write("Identification: " + context.MessageName + " of " + context.PrimaryEntityName + " " + context.PrimaryEntityId
            + ", stage " + context.Stage + ", mode " + context.Mode + ", depth " + context.Depth + ", correlation " + context.CorrelationId + ".");

        Trigger? trigger = null;
        ConversationWriter? writer = null;
        IdentificationRun? run = null;
        try
        {
            trigger = Trigger.Read(context, _settings);
            if (trigger.IgnoreReason != null)
            {
                trace.Write("Nothing to identify: " + trigger.IgnoreReason + ".");
                return;
            }

            trace.Write("Trigger: " + trigger.Description + ".");
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
            var service = factory.CreateOrganizationService(context.UserId);
            var records = new OrganizationRecordSource(service);
            writer = new ConversationWriter(service, trace.Write, context.IsInTransaction);
            run = new IdentificationRun(_settings, _configurationError, new ConversationStateReader(records, _settings),
                new IdentificationEngine(_settings, records, trace.Write), writer, trace.Write);
            run.Execute(trigger.ConversationId);
        }
#pragma warning disable CA1031 // The one place failures are caught: identification must never block the conversation.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            trace.Write("Identification failed: " + ex);
            if (writer != null && trigger != null)
            {
                RecordFailure(writer, trigger.ConversationId, run?.LastState, ex, trace);
            }

            // Asynchronous: the conversation is committed, so failing the system job blocks nothing and shows it as
            // Failed with this trace (kept under the default "Exception" trace setting). Synchronous: it would roll back.
            if (context.Mode == AsynchronousMode)
            {
                throw new InvalidPluginExecutionException("Customer identification failed: " + ex.Message, ex);
            }
        }
    }

    private void RecordFailure(ConversationWriter writer, Guid conversationId, ConversationState? state, Exception failure, ExecutionTrace trace)
    {
        try
        {
            writer.WriteOutcome(conversationId, state, OutcomeText.Failure(
                "identification failed (" + failure.GetType().Name + ": " + failure.Message + "); see the plug-in trace log", writer.Linked, _settings));
        }
#pragma warning disable CA1031 // Recording the failure must not become the failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            trace.Write("The outcome could not be recorded either: " + ex.Message);
        }
    }
}
