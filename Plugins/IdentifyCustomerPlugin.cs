using System;
using System.Globalization;
using System.Linq;
using Identification.Plugins.Api;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Identification.Plugins.Identification;
using Identification.Plugins.Links;
using Identification.Plugins.Outcome;
using Identification.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.Plugins;

/// <summary>
/// The main operation of the Custom API idf_IdentifyCustomer: identification on demand for a bot or a flow, over the
/// conversation's own evidence and the inputs the call gives, with the engine, configuration and writer of
/// <see cref="ConversationIdentificationPlugin"/>. Refuses to be a lookup oracle: the conversation must exist and be
/// open, calls per conversation are capped, and no record is named unless verified or linked by the call.
/// </summary>
public sealed class IdentifyCustomerPlugin : IPlugin
{
    /// <summary>Calls per conversation; past it a call fails, so a visitor cannot try email after email.</summary>
    public const int CallsPerConversation = 10;

    private const string ConfigurationColumn = "configuration";
    private const string StepTable = "sdkmessageprocessingstep";
    private const string StepId = "sdkmessageprocessingstepid";

    public void Execute(IServiceProvider serviceProvider)
    {
        if (serviceProvider == null)
        {
            throw new ArgumentNullException(nameof(serviceProvider));
        }

        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = new ExecutionTrace((ITracingService?)serviceProvider.GetService(typeof(ITracingService)), context.OperationCreatedOn);
        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        var service = factory.CreateOrganizationService(context.UserId);

        // The configuration is the conversation steps' own, read from their registration: one place for admins to tune.
        var configuration = ReadConfiguration(factory.CreateOrganizationService(null), out var configurationError);
        IdentificationSettings settings;
        try
        {
            settings = IdentificationSettings.Parse(configuration);
        }
        catch (ConfigurationException ex)
        {
            settings = IdentificationSettings.Default;
            configurationError ??= "the conversation step's configuration is invalid: " + ex.Message;
        }

        var request = IdentifyCustomerRequest.Read(context.InputParameters, settings);
        trace.Write("idf_IdentifyCustomer for conversation " + request.ConversationId + ": " + request.Inputs.Count + " input(s), link " + request.Link + ".");
        var records = new OrganizationRecordSource(service);
        var reader = new ConversationStateReader(records, settings);
        var state = reader.Read(request.ConversationId);
        if (state == null || !state.IsOpen)
        {
            throw new InvalidPluginExecutionException(IdentifyCustomerRequest.MessageName + ": the conversation " + request.ConversationId + " "
                + (state == null ? "does not exist" : "is closed") + "; identification runs only for an open conversation.");
        }

        CountCall(service, request.ConversationId);
        if (configurationError != null)
        {
            trace.Write(configurationError);
            IdentifyCustomerResponse.WriteError(context.OutputParameters, "Error: " + configurationError + ".");
            return;
        }

        var engine = new IdentificationEngine(settings, records, trace.Write);
        if (request.Link)
        {
            Link(context, request, state, settings, reader, engine, service, trace);
        }
        else
        {
            var inputs = Merged(request, state.Inputs);
            var decision = engine.Identify(inputs, state.SignedIn, state.Customer.Kept, state.Case.Kept, state.CaseCustomer);
            var outcome = OutcomeText.For(decision, LinkPlan.For(state, decision), settings);
            trace.Write("Asked only, nothing written: " + outcome.Line);
            IdentifyCustomerResponse.Write(context.OutputParameters, decision, outcome, inputs, state, linkedByThisCall: false, askedOnly: true);
        }
    }

    /// <summary>
    /// The request's inputs become the conversation's context variables (the newest value of each key), then the
    /// conversation is identified as the conversation steps identify it. Storing them is what keeps late evidence
    /// converging: every later run reads them too, so none undoes this call's links for want of its inputs.
    /// </summary>
    private static void Link(IPluginExecutionContext context, IdentifyCustomerRequest request, ConversationState state, IdentificationSettings settings,
        ConversationStateReader reader, IdentificationEngine engine, IOrganizationService service, ExecutionTrace trace)
    {
        foreach (var input in request.Inputs)
        {
            var id = PluginItems.ApiInputId(request.ConversationId, input.Key);
            var item = new Entity(Schema.ContextItem.Table, id) { [Schema.ContextItem.Value] = input.Value };
            if (Exists(service, id))
            {
                service.Update(item);
            }
            else
            {
                item[Schema.ContextItem.Name] = input.Key;
                item[Schema.ContextItem.Conversation] = new EntityReference(Schema.Conversation.Table, request.ConversationId);
                service.Create(item);
            }
        }

        var writer = new ConversationWriter(service, trace.Write, context.IsInTransaction);
        var run = new IdentificationRun(settings, null, reader, engine, writer, trace.Write);
        run.Execute(request.ConversationId);
        var final = run.LastState ?? state;
        if (run.LastDecision == null || run.LastOutcome == null)
        {
            IdentifyCustomerResponse.WriteError(context.OutputParameters, "Error: the conversation could not be identified; see the plug-in trace log.");
            return;
        }

        var decision = run.LastDecision;
        var linked = decision.Customer != null && final.Customer.Owner == LinkOwner.Plugin && final.Customer.Value?.Id == decision.Customer.Id;
        IdentifyCustomerResponse.Write(context.OutputParameters, decision, run.LastOutcome, final.Inputs, final, linked);
    }

    /// <summary>The call's inputs first (the bot's explicit value is the newest evidence), then the conversation's own.</summary>
    private static InputSet Merged(IdentifyCustomerRequest request, InputSet conversation)
    {
        var builder = new InputSet.Builder();
        foreach (var input in request.Inputs)
        {
            builder.Offer(input.Key, input.Value, InputSource.Request);
        }

        foreach (var input in conversation.All)
        {
            builder.Offer(input.Key, input.Values, input.Source);
        }

        foreach (var refused in conversation.Refused)
        {
            builder.Refuse(refused.Key, refused.Reason);
        }

        return builder.Build();
    }

    /// <summary>Counts the call in the conversation's non-displayable API calls item; fails the call past the cap.</summary>
    private static void CountCall(IOrganizationService service, Guid conversationId)
    {
        var id = PluginItems.ApiCallsId(conversationId);
        var query = new QueryExpression(Schema.ContextItem.Table) { ColumnSet = new ColumnSet(Schema.ContextItem.Value), TopCount = 1 };
        query.Criteria.AddCondition(Schema.ContextItem.Id, ConditionOperator.Equal, id);
        var item = service.RetrieveMultiple(query).Entities.FirstOrDefault();
        var calls = item != null && int.TryParse(item.GetAttributeValue<string>(Schema.ContextItem.Value), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (calls >= CallsPerConversation)
        {
            throw new InvalidPluginExecutionException(IdentifyCustomerRequest.MessageName + ": this conversation has used its " + CallsPerConversation
                + " identification calls; hand the conversation to an agent instead.");
        }

        var value = (calls + 1).ToString(CultureInfo.InvariantCulture);
        if (item == null)
        {
            service.Create(new Entity(Schema.ContextItem.Table, id)
            {
                [Schema.ContextItem.Name] = Schema.ContextItem.ApiCallsName,
                [Schema.ContextItem.Value] = value,
                [Schema.ContextItem.IsDisplayable] = false,
                [Schema.ContextItem.Conversation] = new EntityReference(Schema.Conversation.Table, conversationId),
            });
        }
        else
        {
            service.Update(new Entity(Schema.ContextItem.Table, id) { [Schema.ContextItem.Value] = value });
        }
    }

    private static bool Exists(IOrganizationService service, Guid itemId)
    {
        var query = new QueryExpression(Schema.ContextItem.Table) { ColumnSet = new ColumnSet(Schema.ContextItem.Id), TopCount = 1 };
        query.Criteria.AddCondition(Schema.ContextItem.Id, ConditionOperator.Equal, itemId);
        return service.RetrieveMultiple(query).Entities.Count > 0;
    }

    /// <summary>
    /// The unsecure configuration of the conversation create step: by its fixed id in the solution, else (registered by
    /// hand) the one step of <see cref="ConversationIdentificationPlugin"/> on Create of the conversation. A Custom API's
    /// plug-in type has no step of its own to carry a configuration, and a second copy would drift from the one admins tune.
    /// </summary>
    private static string? ReadConfiguration(IOrganizationService system, out string? error)
    {
        error = null;
        var byId = new QueryExpression(StepTable) { ColumnSet = new ColumnSet(ConfigurationColumn), TopCount = 1 };
        byId.Criteria.AddCondition(StepId, ConditionOperator.Equal, PluginSteps.ConversationCreate.Id);
        var step = system.RetrieveMultiple(byId).Entities.FirstOrDefault();
        if (step != null)
        {
            return step.GetAttributeValue<string>(ConfigurationColumn);
        }

        var byRegistration = new QueryExpression(StepTable) { ColumnSet = new ColumnSet(ConfigurationColumn), TopCount = 2 };
        byRegistration.AddLink("plugintype", "plugintypeid", "plugintypeid").LinkCriteria
            .AddCondition("typename", ConditionOperator.Equal, typeof(ConversationIdentificationPlugin).FullName);
        byRegistration.AddLink("sdkmessage", "sdkmessageid", "sdkmessageid").LinkCriteria
            .AddCondition("name", ConditionOperator.Equal, PluginSteps.ConversationCreate.Message);
        byRegistration.AddLink("sdkmessagefilter", "sdkmessagefilterid", "sdkmessagefilterid").LinkCriteria
            .AddCondition("primaryobjecttypecode", ConditionOperator.Equal, PluginSteps.ConversationCreate.EntityName);
        var steps = system.RetrieveMultiple(byRegistration).Entities;
        if (steps.Count == 1)
        {
            return steps[0].GetAttributeValue<string>(ConfigurationColumn);
        }

        error = steps.Count == 0
            ? "no step of " + typeof(ConversationIdentificationPlugin).FullName + " is registered on Create of " + PluginSteps.ConversationCreate.EntityName
                + ", so its configuration cannot be read; import the solution or register the step"
            : "several steps of " + typeof(ConversationIdentificationPlugin).FullName + " are registered on Create of " + PluginSteps.ConversationCreate.EntityName
                + ", so which configuration applies cannot be told; keep one";
        return null;
    }
}
