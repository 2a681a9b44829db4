using System;
using Identification.Plugins.Configuration;
using Identification.Plugins.Links;
using Identification.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Evidence;

/// <summary>What fired the plug-in, and for which conversation. Some triggers carry no new evidence and are ignored.</summary>
public sealed class Trigger
{
    /// <summary>Longest context variable name quoted in a trace; names are untrusted and can be of any length.</summary>
    public const int MaximumNameInTrace = 100;

    private Trigger(Guid conversationId, string description, string? ignoreReason)
    {
        ConversationId = conversationId;
        Description = description;
        IgnoreReason = ignoreReason;
    }

    public Guid ConversationId { get; }

    public string Description { get; }

    /// <summary>Why this execution has nothing to identify, or null.</summary>
    public string? IgnoreReason { get; }

    public static Trigger Read(IPluginExecutionContext context, IdentificationSettings settings)
    {
        var target = context.InputParameters.Contains("Target") ? context.InputParameters["Target"] as Entity : null;
        var step = context.MessageName + " of " + context.PrimaryEntityName;
        if (target == null)
        {
            return Ignore(step, "the step has no Target entity");
        }

        switch (context.PrimaryEntityName)
        {
            case Schema.Conversation.Table when context.MessageName == Schema.Messages.Create:
                return new Trigger(context.PrimaryEntityId, step, null);

            case Schema.ContextItem.Table when context.MessageName == Schema.Messages.Create || context.MessageName == Schema.Messages.Update:
                var image = context.PostEntityImages.Contains(PluginSteps.ContextItemImage) ? context.PostEntityImages[PluginSteps.ContextItemImage] : null;
                var name = target.GetAttributeValue<string>(Schema.ContextItem.Name) ?? image?.GetAttributeValue<string>(Schema.ContextItem.Name);
                var conversation = target.GetAttributeValue<EntityReference>(Schema.ContextItem.Conversation)
                    ?? image?.GetAttributeValue<EntityReference>(Schema.ContextItem.Conversation);
                if (name == null || conversation == null)
                {
                    return Ignore(step, "the context variable's name or conversation is unknown (register the post-image \"" + PluginSteps.ContextItemImage + "\" with msdyn_name and msdyn_ocliveworkitemid on the Update step)");
                }

                if (PluginItems.IsOutcomeOrCode(conversation.Id, context.PrimaryEntityId) || string.Equals(name, Schema.ContextItem.LinkRecordName, StringComparison.Ordinal))
                {
                    return Ignore(step, "it is one of the plug-in's own items");
                }

                var key = settings.CanonicalKey(name);
                return settings.IsInputKey(key)
                    ? new Trigger(conversation.Id, step + " \"" + key + "\"", null)
                    : Ignore(step, "context variable \"" + Shorten(name) + "\" is not an identification input");

            case Schema.VoiceContext.Table when context.MessageName == Schema.Messages.Create:
                return Engagement(step, target, target.GetAttributeValue<string>(Schema.VoiceContext.FromPhone), Schema.VoiceContext.Conversation);

            case Schema.SmsContext.Table when context.MessageName == Schema.Messages.Create:
                return Engagement(step, target, target.GetAttributeValue<string>(Schema.SmsContext.CustomerPhone), Schema.SmsContext.Conversation);

            default:
                return Ignore(step, "the plug-in is not meant for this step; see the registration table in the README");
        }
    }

    private static Trigger Engagement(string step, Entity target, string? phone, string conversationColumn)
    {
        var conversation = target.GetAttributeValue<EntityReference>(conversationColumn);
        if (conversation == null)
        {
            return Ignore(step, "it is not linked to a conversation");
        }

        return string.IsNullOrWhiteSpace(phone)
            ? Ignore(step, "it carries no phone number")
            : new Trigger(conversation.Id, step, null);
    }

    private static Trigger Ignore(string step, string reason) => new Trigger(Guid.Empty, step, reason);

    private static string Shorten(string name)
    {
        if (name.Length <= MaximumNameInTrace)
        {
            return name;
        }

        // Never cut a surrogate pair in two.
        var cut = char.IsHighSurrogate(name[MaximumNameInTrace - 1]) ? MaximumNameInTrace - 1 : MaximumNameInTrace;
        return name.Substring(0, cut) + "… (" + name.Length + " characters)";
    }
}
