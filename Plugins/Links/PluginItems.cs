using System;

namespace Identification.Plugins.Links;

/// <summary>
/// The context items the plug-in owns on a conversation. They are found by id, which is derived from the
/// conversation, never by name: a page or a bot can name a variable "Customer identification", but nobody can choose
/// the id of a row that Omnichannel creates. Deriving the id also makes a second outcome item impossible: two runs
/// that both create it collide on the key instead of adding a duplicate.
/// </summary>
public static class PluginItems
{
    /// <summary>The displayable outcome line.</summary>
    public static Guid OutcomeId(Guid conversationId) => NameBasedGuid.Create(NameBasedGuid.PluginNamespace, conversationId.ToString("D") + "/outcome");

    /// <summary>The non-displayable outcome code, with the plug-in's claims of its links.</summary>
    public static Guid CodeId(Guid conversationId) => NameBasedGuid.Create(NameBasedGuid.PluginNamespace, conversationId.ToString("D") + "/code");

    /// <summary>The non-displayable count of idf_IdentifyCustomer calls about the conversation (the API's call cap).</summary>
    public static Guid ApiCallsId(Guid conversationId) => NameBasedGuid.Create(NameBasedGuid.PluginNamespace, conversationId.ToString("D") + "/api-calls");

    /// <summary>The context variable idf_IdentifyCustomer writes a request's input to when it links (one per key).</summary>
    public static Guid ApiInputId(Guid conversationId, string key) =>
        NameBasedGuid.Create(NameBasedGuid.PluginNamespace, conversationId.ToString("D") + "/api-input/" + key.ToUpperInvariant());

    /// <summary>True for the outcome and code items of the conversation.</summary>
    public static bool IsOutcomeOrCode(Guid conversationId, Guid itemId) => itemId == OutcomeId(conversationId) || itemId == CodeId(conversationId);
}
