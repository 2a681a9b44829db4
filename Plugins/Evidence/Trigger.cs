using System;
using System.Linq;
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

        var registered = PluginSteps.All.FirstOrDefault(s => s.Message == context.MessageName && s.EntityName == context.PrimaryEntityName);
        if (registered == null)
        {
            return Ignore(step, "the plug-in is not meant for this step; see the registration table in the README");
        }

        // An Update's Target holds only the changed columns; the post-image supplies the rest.
        var image = registered.PostImageName != null && context.PostEntityImages.Contains(registered.PostImageName)
            ? context.PostEntityImages[registered.PostImageName]
            : null;
        var conversation = registered.ConversationColumn == null
            ? new EntityReference(Schema.Conversation.Table, context.PrimaryEntityId)
            : target.GetAttributeValue<EntityReference>(registered.ConversationColumn) ?? image?.GetAttributeValue<EntityReference>(registered.ConversationColumn);
        if (conversation == null)
        {
            return Ignore(step, "it names no conversation" + (registered.PostImageName != null
                ? " (register the post-image \"" + registered.PostImageName + "\" with " + string.Join(", ", registered.PostImageAttributes) + " on this step)"
                : string.Empty));
        }

        switch (registered.Evidence)
        {
            case EvidenceKind.ContextVariable:
                var name = target.GetAttributeValue<string>(Schema.ContextItem.Name) ?? image?.GetAttributeValue<string>(Schema.ContextItem.Name);
                if (name == null)
                {
                    return Ignore(step, "the context variable has no name" + (registered.PostImageName != null
                        ? " (register the post-image \"" + registered.PostImageName + "\" with " + string.Join(", ", registered.PostImageAttributes) + " on this step)"
                        : string.Empty));
                }

                if (PluginItems.IsOutcomeOrCode(conversation.Id, context.PrimaryEntityId))
                {
                    return Ignore(step, "it is one of the plug-in's own items");
                }

                var key = settings.CanonicalKey(name);
                return settings.IsInputKey(key)
                    ? new Trigger(conversation.Id, step + " \"" + key + "\"", null)
                    : Ignore(step, "context variable \"" + Shorten(name) + "\" is not an identification input");

            case EvidenceKind.EngagementContext:
                return string.IsNullOrWhiteSpace(target.GetAttributeValue<string>(registered.EvidenceColumn!))
                    ? Ignore(step, "it carries no " + registered.EvidenceColumn)
                    : new Trigger(conversation.Id, step, null);

            default:
                return new Trigger(conversation.Id, step, null);
        }
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
