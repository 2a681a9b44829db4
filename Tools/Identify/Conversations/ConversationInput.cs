using System;
using System.Collections.Generic;

namespace Identification.Identify.Conversations;

/// <summary>How the customer reached us; SMS and voice carry the customer's number in an engagement context.</summary>
internal enum Channel
{
    Chat,
    Sms,
    Voice,
}

/// <summary>A reference to a record: a customer (contact or account) or a case (incident).</summary>
internal sealed record RecordLink(string LogicalName, Guid Id);

/// <summary>A context variable: a pre-chat answer, a value set by the page or a bot.</summary>
internal sealed record ContextValue(string Name, string Value);

/// <summary>What a conversation is expected to end up linked to (written by the generator; optional).</summary>
internal sealed record Expectation(RecordLink? Customer, RecordLink? Case);

/// <summary>
/// A chat's signed-in identity as Omnichannel records it in the live-chat context (<c>msdyn_livechatengagementctx</c>):
/// <c>msdyn_portalcontactid</c>, the portal's id for the visitor (the JWT "sub" claim; any text), and <c>msdyn_isauthenticated</c>.
/// </summary>
internal sealed record PortalIdentity(string PortalContactId, bool Authenticated);

/// <summary>One line of a <c>--conversations</c> file: a conversation to replay.</summary>
internal sealed record ConversationInput(
    long Line,
    Guid Id,
    Channel Channel,
    IReadOnlyList<ContextValue> Context,
    string? Phone,
    IReadOnlyList<ContextValue> Late,
    RecordLink? Customer,
    RecordLink? Case,
    string? Scenario = null,
    Expectation? Expect = null,
    PortalIdentity? Portal = null);
