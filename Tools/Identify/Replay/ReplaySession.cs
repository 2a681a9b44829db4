using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Identify.Conversations;
using Identification.LocalOrg;
using Identification.Plugins;
using Identification.Plugins.Links;
using Identification.Plugins.Outcome;
using Identification.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Replay;

/// <summary>
/// An in-memory organization with the plug-in's real steps registered (PluginSteps.All, the --config text as
/// their unsecure configuration), seeded from exported rows, replaying conversations the way Omnichannel
/// creates them.
/// </summary>
internal sealed class ReplaySession
{
    private readonly IOrganizationService _service;

    /// <summary>Registers every step of the plug-in with <paramref name="configuration"/> as unsecure configuration.</summary>
    /// <param name="collation">How the organization compares text: accent-insensitive (_CI_AI, the default) or accent-sensitive (_CI_AS).</param>
    public ReplaySession(string? configuration, CollationMode collation = CollationMode.AccentInsensitive)
    {
        Organization = new LocalOrganization { CollationMode = collation };
        Organization.RegisterPrimaryKey(Schema.Conversation.Table, Schema.Conversation.Id);
        foreach (var step in PluginSteps.All)
        {
            Organization.RegisterStep(LocalStepRegistration.For(step, configuration));
        }

        _service = Organization.GetOrganizationService();
    }

    /// <summary>
    /// Registers the Custom API idf_IdentifyCustomer as the solution defines it, and the conversation create step's
    /// registration row whose configuration the API reads (the same <paramref name="configuration"/> as the steps).
    /// </summary>
    public void RegisterIdentifyCustomerApi(string? configuration)
    {
        Organization.RegisterCustomApi(new CustomApiRegistration(IdentifyCustomerApi.UniqueName, typeof(IdentifyCustomerPlugin))
        {
            RequestParameters = IdentifyCustomerApi.RequestParameters.Select(p => new CustomApiParameter(p.UniqueName, (CustomApiFieldType)p.Type, p.IsOptional)).ToList(),
            ResponseProperties = IdentifyCustomerApi.ResponseProperties.Select(p => new CustomApiParameter(p.UniqueName, (CustomApiFieldType)p.Type)).ToList(),
        });
        Organization.Initialize(new Entity("sdkmessageprocessingstep", PluginSteps.ConversationCreate.Id) { ["configuration"] = configuration });
    }

    /// <summary>The organization, for benchmarks and tests that look inside.</summary>
    public LocalOrganization Organization { get; }

    /// <summary>Seeds rows as they already exist (no plug-ins run); returns how many were added.</summary>
    public long Seed(string logicalName, IEnumerable<Entity> rows)
    {
        long count = 0;
        Organization.Initialize(rows.Select(row =>
        {
            count++;
            return row;
        }));
        return count;
    }

    /// <summary>
    /// Replays one conversation: its pre-chat context exists first, the conversation is created (Create step),
    /// then its late evidence arrives through the service (so the registered steps fire), one piece at a time, in file
    /// order (<see cref="LateEvidence"/>): the SMS, voice or live-chat context, then the late context variables.
    /// </summary>
    public ReplayResult Replay(ConversationInput conversation) =>
        Replay(conversation, Enumerable.Range(0, LateEvidence(conversation).Count).ToList());

    /// <summary>
    /// The late evidence of a conversation, in file order: the engagement context (the SMS or voice context with the
    /// caller's or texter's number, or a chat's live-chat context with its portal identity), then each late context variable.
    /// </summary>
    public static IReadOnlyList<string> LateEvidence(ConversationInput conversation) =>
        (EngagementContextName(conversation) is { } engagement ? new[] { engagement } : Array.Empty<string>())
            .Concat(conversation.Late.Select(value => value.Name))
            .ToList();

    private static string? EngagementContextName(ConversationInput conversation) => conversation.Channel switch
    {
        Channel.Chat => conversation.Portal is null ? null : "live-chat context",
        _ => conversation.Channel.ToString().ToLowerInvariant() + " context",
    };

    /// <summary>Replays one conversation with its late evidence arriving in <paramref name="order"/> (indexes into <see cref="LateEvidence"/>).</summary>
    public ReplayResult Replay(ConversationInput conversation, IReadOnlyList<int> order)
    {
        var firstRun = Organization.RunCount;
        string? error = null;
        try
        {
            Organization.Initialize(conversation.Context.Select(value => ContextItem(conversation.Id, value)));
            _service.Create(ConversationRow(conversation));
            var engagement = EngagementContext(conversation);
            var pieces = (engagement is null ? Array.Empty<Entity>() : new[] { engagement })
                .Concat(conversation.Late.Select(value => ContextItem(conversation.Id, value)))
                .ToList();
            foreach (var index in order)
            {
                _service.Create(pieces[index]);
            }
        }
#pragma warning disable CA1031 // A failing create is the finding to report for this conversation, not a reason to stop the replay.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = "create failed: " + ex.Message;
        }

        var runs = Organization.RunsSince(firstRun);
        foreach (var run in runs)
        {
            error ??= run.Exception is { } thrown ? $"plug-in run {run.MessageName} {run.PrimaryEntityName} threw: {thrown.Message}" : null;
        }

        var row = Organization.Find(Schema.Conversation.Table, conversation.Id);
        var customer = Link(row?.GetAttributeValue<EntityReference>(Schema.Conversation.Customer));
        var @case = Link(row?.GetAttributeValue<EntityReference>(Schema.Conversation.Case));
        var outcome = ItemValue(PluginItems.OutcomeId(conversation.Id));
        var code = ItemValue(PluginItems.CodeId(conversation.Id)) is { } value ? CodeItem.Parse(value).Code : null;
        var classification = Classify(conversation, customer, @case, code, error);
        return new ReplayResult(conversation, customer, @case, outcome, code, runs, error, classification);
    }

    /// <summary>See <see cref="Classification"/>: errors first, then links added, then the plug-in's outcome code.</summary>
    public static Classification Classify(ConversationInput conversation, RecordLink? customer, RecordLink? @case, string? code, string? error)
    {
        if (error is not null || OutcomeCode.Is(code, OutcomeCode.Error))
        {
            return Classification.Error;
        }

        if ((customer is not null && conversation.Customer is null) || (@case is not null && conversation.Case is null))
        {
            return Classification.Linked;
        }

        return OutcomeCode.Is(code, OutcomeCode.Several) ? Classification.Several : Classification.None;
    }

    private string? ItemValue(Guid id) => Organization.Find(Schema.ContextItem.Table, id)?.GetAttributeValue<string>(Schema.ContextItem.Value);

    private static Entity ConversationRow(ConversationInput conversation)
    {
        var row = new Entity(Schema.Conversation.Table, conversation.Id);
        if (conversation.Customer is { } customer)
        {
            row[Schema.Conversation.Customer] = new EntityReference(customer.LogicalName, customer.Id);
        }

        if (conversation.Case is { } @case)
        {
            row[Schema.Conversation.Case] = new EntityReference(@case.LogicalName, @case.Id);
        }

        return row;
    }

    private static Entity? EngagementContext(ConversationInput conversation)
    {
        var reference = new EntityReference(Schema.Conversation.Table, conversation.Id);
        switch (conversation.Channel)
        {
            case Channel.Sms:
                var sms = new Entity(Schema.SmsContext.Table);
                sms[Schema.SmsContext.CustomerPhone] = conversation.Phone;
                sms[Schema.SmsContext.Conversation] = reference;
                return sms;
            case Channel.Voice:
                var voice = new Entity(Schema.VoiceContext.Table);
                voice[Schema.VoiceContext.FromPhone] = conversation.Phone;
                voice[Schema.VoiceContext.Conversation] = reference;
                return voice;
            case Channel.Chat when conversation.Portal is { } portal:
                // Omnichannel's live-chat context: the portal's id for the visitor and whether the chat was authenticated.
                var chat = new Entity(Schema.LiveChatContext.Table);
                chat[Schema.LiveChatContext.PortalContactId] = portal.PortalContactId;
                chat[Schema.LiveChatContext.IsAuthenticated] = portal.Authenticated;
                chat[Schema.LiveChatContext.Conversation] = reference;
                return chat;
            default:
                return null;
        }
    }

    private static Entity ContextItem(Guid conversationId, ContextValue value)
    {
        var item = new Entity(Schema.ContextItem.Table);
        item[Schema.ContextItem.Name] = value.Name;
        item[Schema.ContextItem.Value] = value.Value;
        item[Schema.ContextItem.IsDisplayable] = true;
        item[Schema.ContextItem.Conversation] = new EntityReference(Schema.Conversation.Table, conversationId);
        return item;
    }

    private static RecordLink? Link(EntityReference? reference) =>
        reference is null ? null : new RecordLink(reference.LogicalName, reference.Id);
}
