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
        try
        {
            _settings = IdentificationSettings.Parse(unsecureConfiguration);
        }
        catch (ConfigurationException ex)
        {
            // Reported on every conversation until fixed; throwing here would fail every conversation create.
            _settings = IdentificationSettings.Default;
            _configurationError = ex.Message;
        }
#pragma warning disable CA1031 // Last line of defence: the parser throws only ConfigurationException (a fuzz test holds it to that), but a bug there must not stop every conversation either.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _settings = IdentificationSettings.Default;
            _configurationError = "the configuration could not be read (" + ex.GetType().Name + ": " + ex.Message + ")";
        }
    }

    public void Execute(IServiceProvider serviceProvider)
    {
        if (serviceProvider == null)
        {
            throw new ArgumentNullException(nameof(serviceProvider));
        }

        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = new ExecutionTrace((ITracingService?)serviceProvider.GetService(typeof(ITracingService)));
        trace.Write("Identification: " + context.MessageName + " of " + context.PrimaryEntityName + " " + context.PrimaryEntityId
            + ", stage " + context.Stage + ", depth " + context.Depth + ", correlation " + context.CorrelationId + ".");

        Trigger? trigger = null;
        ConversationWriter? writer = null;
        ConversationSnapshot? conversation = null;
        try
        {
            trigger = Trigger.Read(context, _settings);
            if (trigger.IgnoreReason != null)
            {
                trace.Write("Nothing to identify: " + trigger.IgnoreReason + ".");
                return;
            }

            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
            var service = factory.CreateOrganizationService(context.UserId);
            writer = new ConversationWriter(service, trace.Write);
            var records = new OrganizationRecordSource(service);
            var reader = new ConversationReader(records, _settings);
            conversation = reader.ReadConversation(trigger);
            if (conversation == null || !conversation.IsOpen || (trigger.IsLateEvidence && conversation.IsFullyLinked))
            {
                trace.Write("Nothing to identify: the conversation " + (conversation == null ? "does not exist" : !conversation.IsOpen ? "is closed" : "already has a customer and a case") + ".");
                return;
            }

            reader.ReadContextVariables(conversation);
            var decision = _configurationError != null
                ? Decision.Error("the step's configuration is invalid, so identification was skipped: " + _configurationError)
                : new IdentificationEngine(_settings, records, trace.Write).Identify(conversation.Inputs, conversation.Customer, conversation.Case);
            writer.Write(conversation, decision);
            trace.Write("Done: " + Decision.Headline(decision.Status) + ".");
        }
#pragma warning disable CA1031 // The one place failures are caught: identification must never block the conversation.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            trace.Write("Identification failed: " + ex);
            if (writer != null && trigger != null)
            {
                RecordFailure(writer, trigger.ConversationId, conversation, ex, trace);
            }
        }
    }

    private static void RecordFailure(ConversationWriter writer, Guid conversationId, ConversationSnapshot? conversation, Exception failure, ExecutionTrace trace)
    {
        try
        {
            writer.WriteOutcome(conversationId, conversation?.OutcomeItemId, conversation?.OutcomeText,
                Decision.Error("identification failed (" + failure.GetType().Name + ": " + failure.Message + "); see the plug-in trace log").Outcome);
        }
#pragma warning disable CA1031 // Recording the failure must not become the failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            trace.Write("The outcome could not be recorded either: " + ex.Message);
        }
    }
}
