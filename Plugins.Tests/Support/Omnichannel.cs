using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Identify.Replay;
using Identification.LocalOrg;
using Identification.Plugins.Links;
using Identification.Plugins.Outcome;
using Identification.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Tests.Support;

/// <summary>
/// An in-memory organization with the plug-in registered on its real steps, and the few verbs a scenario needs:
/// seed customers and cases, start a conversation with what the customer said, let late evidence arrive, and read
/// what the agent would see.
/// </summary>
internal sealed class Omnichannel
{
    /// <param name="configuration">The steps' unsecure configuration.</param>
    /// <param name="synchronous">Register the steps synchronous instead of as shipped (asynchronous).</param>
    public Omnichannel(string? configuration = null, bool synchronous = false)
    {
        Org = new LocalOrganization();
        Org.RegisterPrimaryKey(Schema.Conversation.Table, Schema.Conversation.Id);
        foreach (var step in PluginSteps.All)
        {
            Org.RegisterStep(LocalStepRegistration.For(step, configuration, synchronous));
        }

        Service = Org.GetOrganizationService();

        // The Custom API, as the solution defines it; its plug-in reads the create step's configuration from its row.
        Org.RegisterCustomApi(new CustomApiRegistration(IdentifyCustomerApi.UniqueName, typeof(IdentifyCustomerPlugin))
        {
            RequestParameters = IdentifyCustomerApi.RequestParameters.Select(p => new CustomApiParameter(p.UniqueName, (CustomApiFieldType)p.Type, p.IsOptional)).ToList(),
            ResponseProperties = IdentifyCustomerApi.ResponseProperties.Select(p => new CustomApiParameter(p.UniqueName, (CustomApiFieldType)p.Type)).ToList(),
        });
        Org.Initialize(new Entity("sdkmessageprocessingstep", PluginSteps.ConversationCreate.Id) { ["configuration"] = configuration });
    }

    /// <summary>Calls idf_IdentifyCustomer as a bot or a flow does, with the named parameters given (null ones left out).</summary>
    public OrganizationResponse Identify(Guid conversation, string? name = null, string? email = null, string? phone = null, string? caseNumber = null,
        string? inputs = null, bool? link = null)
    {
        var request = new OrganizationRequest(IdentifyCustomerApi.UniqueName) { ["ConversationId"] = conversation.ToString() };
        foreach (var (key, value) in new[] { ("Name", name), ("Email", email), ("Phone", phone), ("CaseNumber", caseNumber), ("Inputs", inputs) })
        {
            if (value != null)
            {
                request[key] = value;
            }
        }

        if (link != null)
        {
            request["Link"] = link.Value;
        }

        return Service.Execute(request);
    }

    public LocalOrganization Org { get; }

    public IOrganizationService Service { get; }

    public EntityReference Contact(string fullName, string? email = null, string? mobile = null, int state = 0, int status = 1, string? telephone1 = null)
    {
        var contact = new Entity(Schema.Contact.Table, Guid.NewGuid())
        {
            [Schema.Contact.FullName] = fullName,
            [Schema.Contact.Email] = email,
            [Schema.Contact.MobilePhone] = mobile,
            [Schema.Contact.Telephone1] = telephone1,
            [Schema.StateCode] = new OptionSetValue(state),
            ["statuscode"] = new OptionSetValue(status),
        };
        Org.Initialize(contact);
        return new EntityReference(Schema.Contact.Table, contact.Id) { Name = fullName };
    }

    public EntityReference Account(string name, string? email = null, string? phone = null, int state = 0)
    {
        var account = new Entity(Schema.Account.Table, Guid.NewGuid())
        {
            [Schema.Account.Name] = name,
            [Schema.Account.Email] = email,
            [Schema.Account.Telephone1] = phone,
            [Schema.StateCode] = new OptionSetValue(state),
            ["statuscode"] = new OptionSetValue(state == 0 ? 1 : 2),
        };
        Org.Initialize(account);
        return new EntityReference(Schema.Account.Table, account.Id) { Name = name };
    }

    public EntityReference Case(string ticketNumber, EntityReference? customer, int state = 0)
    {
        var incident = new Entity(Schema.Incident.Table, Guid.NewGuid())
        {
            [Schema.Incident.TicketNumber] = ticketNumber,
            [Schema.Incident.Title] = "Case " + ticketNumber,
            [Schema.Incident.Customer] = customer,
            [Schema.StateCode] = new OptionSetValue(state),
            ["statuscode"] = new OptionSetValue(state == 0 ? 1 : 5),
        };
        Org.Initialize(incident);
        return new EntityReference(Schema.Incident.Table, incident.Id);
    }

    /// <summary>A conversation created with these pre-chat answers already known (as context variables).</summary>
    public Guid StartConversation(params (string Name, string Value)[] context) => StartConversationLinkedTo(null, null, context);

    /// <summary>A conversation created with links already set (by a bot, or a routing rule) and these answers.</summary>
    public Guid StartConversationLinkedTo(EntityReference? customer, EntityReference? @case, params (string Name, string Value)[] context) =>
        StartConversation(Guid.NewGuid(), customer, @case, context);

    /// <summary>A conversation with a known id (to arrange something about it before it is created).</summary>
    public Guid StartConversationWithId(Guid id, params (string Name, string Value)[] context) => StartConversation(id, null, null, context);

    private Guid StartConversation(Guid id, EntityReference? customer, EntityReference? @case, (string Name, string Value)[] context)
    {
        Org.Initialize(context.Select(c => ContextVariable(id, c.Name, c.Value)).ToArray());
        var conversation = new Entity(Schema.Conversation.Table, id)
        {
            ["subject"] = "Chat",
            [Schema.Conversation.Customer] = customer,
            [Schema.Conversation.Case] = @case,
        };
        Service.Create(conversation);
        return id;
    }

    /// <summary>Late evidence: a bot or the page sets a context variable after the conversation exists.</summary>
    public Guid SetContext(Guid conversation, string name, string value) => Service.Create(ContextVariable(conversation, name, value));

    /// <summary>Late evidence: the voice engagement context with the caller's number.</summary>
    public void CallerRings(Guid conversation, string phone) => Service.Create(new Entity(Schema.VoiceContext.Table)
    {
        [Schema.VoiceContext.FromPhone] = phone,
        [Schema.VoiceContext.Conversation] = new EntityReference(Schema.Conversation.Table, conversation),
    });

    /// <summary>Late evidence: the SMS engagement context with the texter's number.</summary>
    public void TextArrives(Guid conversation, string phone, string? countryCode = null) => Service.Create(new Entity(Schema.SmsContext.Table)
    {
        [Schema.SmsContext.CustomerPhone] = phone,
        [Schema.SmsContext.CountryCode] = countryCode,
        [Schema.SmsContext.Conversation] = new EntityReference(Schema.Conversation.Table, conversation),
    });

    /// <summary>
    /// Late evidence: the chat's live-chat context with the portal's identity of the visitor (the JWT "sub" claim), as
    /// Omnichannel writes it for a chat on a portal page.
    /// </summary>
    public void SignsIn(Guid conversation, string portalContactId, bool authenticated = true) => Service.Create(new Entity(Schema.LiveChatContext.Table)
    {
        [Schema.LiveChatContext.PortalContactId] = portalContactId,
        [Schema.LiveChatContext.IsAuthenticated] = authenticated,
        [Schema.LiveChatContext.Conversation] = new EntityReference(Schema.Conversation.Table, conversation),
    });

    /// <summary>A signed-in chat: the conversation with these answers, then its live-chat context naming <paramref name="visitor"/>.</summary>
    public Guid StartSignedInChat(EntityReference visitor, params (string Name, string Value)[] context)
    {
        var conversation = StartConversation(context);
        SignsIn(conversation, visitor.Id.ToString());
        return conversation;
    }

    public void Close(Guid conversation) => Service.Update(new Entity(Schema.Conversation.Table, conversation)
    {
        [Schema.Conversation.StateCode] = new OptionSetValue(1),
        ["statuscode"] = new OptionSetValue(4),
    });

    public EntityReference? CustomerOf(Guid conversation) =>
        Org.Find(Schema.Conversation.Table, conversation)!.GetAttributeValue<EntityReference>(Schema.Conversation.Customer);

    public EntityReference? CaseOf(Guid conversation) =>
        Org.Find(Schema.Conversation.Table, conversation)!.GetAttributeValue<EntityReference>(Schema.Conversation.Case);

    /// <summary>The outcome the agent sees under Additional details, or null when none was written.</summary>
    public string? OutcomeOf(Guid conversation) =>
        Org.Find(Schema.ContextItem.Table, PluginItems.OutcomeId(conversation))?.GetAttributeValue<string>(Schema.ContextItem.Value);

    /// <summary>The machine-readable outcome code reports read ("linked:identifier"), or null when none was written.</summary>
    public string? CodeOf(Guid conversation) => CodeItemOf(conversation) is { } value ? CodeItem.Parse(value).Code : null;

    /// <summary>The whole value of the code item: the code, then the plug-in's claims of its links.</summary>
    public string? CodeItemOf(Guid conversation) =>
        Org.Find(Schema.ContextItem.Table, PluginItems.CodeId(conversation))?.GetAttributeValue<string>(Schema.ContextItem.Value);

    public IReadOnlyList<Entity> OutcomeItems(Guid conversation) => Org.CreateQuery(Schema.ContextItem.Table)
        .Where(i => i.GetAttributeValue<string>(Schema.ContextItem.Name) == Schema.ContextItem.OutcomeName)
        .Where(i => i.GetAttributeValue<EntityReference>(Schema.ContextItem.Conversation).Id == conversation)
        .ToList();

    /// <summary>The plug-in's execution for the conversation's Create.</summary>
    public PluginRun CreateRun(Guid conversation) =>
        Org.Runs.Single(r => r.PrimaryEntityName == Schema.Conversation.Table && r.MessageName == Schema.Messages.Create && r.PrimaryEntityId == conversation);

    private static Entity ContextVariable(Guid conversation, string name, string value) => new Entity(Schema.ContextItem.Table, Guid.NewGuid())
    {
        [Schema.ContextItem.Name] = name,
        [Schema.ContextItem.Value] = value,
        [Schema.ContextItem.IsDisplayable] = true,
        [Schema.ContextItem.Conversation] = new EntityReference(Schema.Conversation.Table, conversation),
    };
}
