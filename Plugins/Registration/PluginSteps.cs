using System;
using System.Collections.Generic;

namespace Identification.Plugins.Registration;

/// <summary>Pipeline stage of a step, as Dataverse numbers it.</summary>
public enum StepStage
{
    PreValidation = 10,
    PreOperation = 20,
    PostOperation = 40,
}

/// <summary>What a step's Target tells identification.</summary>
public enum EvidenceKind
{
    /// <summary>A new conversation: identify from everything known about it.</summary>
    NewConversation,

    /// <summary>A context variable was set or changed: re-identify if a rule reads it.</summary>
    ContextVariable,

    /// <summary>An engagement context arrived: re-identify if it carries its evidence column.</summary>
    EngagementContext,

    /// <summary>Not an identification step (the phone number hygiene steps, <see cref="PhoneHygieneSteps"/>).</summary>
    None,
}

/// <summary>One registered step: the facts an admin types into the Plugin Registration Tool, and what its Target tells identification.</summary>
public sealed class StepDefinition
{
    public StepDefinition(Guid id, string name, string message, string entityName, StepStage stage, bool asynchronous, int rank,
        IReadOnlyList<string> filteringAttributes, string? postImageName, IReadOnlyList<string> postImageAttributes, string description,
        EvidenceKind evidence, string? conversationColumn, string? evidenceColumn, Guid? postImageId = null, string? pluginTypeName = null)
    {
        Id = id;
        Name = name;
        Message = message;
        EntityName = entityName;
        Stage = stage;
        Asynchronous = asynchronous;
        Rank = rank;
        FilteringAttributes = filteringAttributes;
        PostImageName = postImageName;
        PostImageId = postImageId;
        PostImageAttributes = postImageAttributes;
        Description = description;
        Evidence = evidence;
        ConversationColumn = conversationColumn;
        EvidenceColumn = evidenceColumn;
        PluginTypeName = pluginTypeName ?? typeof(ConversationIdentificationPlugin).FullName!;
    }

    /// <summary>The step's fixed id in the solution (sdkmessageprocessingstepid).</summary>
    public Guid Id { get; }

    public string Name { get; }
    public string Message { get; }
    public string EntityName { get; }
    public StepStage Stage { get; }
    public bool Asynchronous { get; }
    public int Rank { get; }
    /// <summary>For Update steps: the step fires only when one of these columns changes.</summary>
    public IReadOnlyList<string> FilteringAttributes { get; }
    public string? PostImageName { get; }

    /// <summary>The post-image's fixed id in the solution (sdkmessageprocessingstepimageid).</summary>
    public Guid? PostImageId { get; }
    public IReadOnlyList<string> PostImageAttributes { get; }
    public string Description { get; }

    public EvidenceKind Evidence { get; }

    /// <summary>The Target's lookup to the conversation (null: the Target is the conversation).</summary>
    public string? ConversationColumn { get; }

    /// <summary>For an engagement context: the column that carries the evidence (without it, the step has nothing to add).</summary>
    public string? EvidenceColumn { get; }

    /// <summary>The plug-in type the step runs: <see cref="ConversationIdentificationPlugin"/> unless it names another.</summary>
    public string PluginTypeName { get; }
}

/// <summary>
/// The steps of <see cref="ConversationIdentificationPlugin"/>: the conversation create, and the late evidence
/// (context items created or changed, voice, SMS and live-chat contexts created) that re-runs identification. The one source of
/// the registration: the trigger, the solution packager, the replay tool and the tests all read it; a test keeps the
/// README's registration table equal to it.
/// </summary>
public static class PluginSteps
{
    /// <summary>Name of the post-image the context item Update step registers.</summary>
    public const string ContextItemImage = "PostImage";

    public static readonly StepDefinition ConversationCreate = new StepDefinition(
        new Guid("88aea89c-9ed8-4e27-a96b-5542af3d7903"),
        "Identification: identify customer and case on conversation create",
        Schema.Messages.Create, Schema.Conversation.Table, StepStage.PostOperation, asynchronous: true, rank: 1,
        Array.Empty<string>(), null, Array.Empty<string>(),
        "Finds the contact or account and the case from what is known when the conversation is created, and links them when exactly one record matches.",
        EvidenceKind.NewConversation, null, null);

    public static readonly StepDefinition ContextItemCreate = new StepDefinition(
        new Guid("ac69bb92-5721-44f1-a5b6-a34863cb8a1e"),
        "Identification: re-identify when a context variable arrives",
        Schema.Messages.Create, Schema.ContextItem.Table, StepStage.PostOperation, asynchronous: true, rank: 1,
        Array.Empty<string>(), null, Array.Empty<string>(),
        "Late evidence (bot escalation, setContextProvider): identifies again over all the open conversation's evidence.",
        EvidenceKind.ContextVariable, Schema.ContextItem.Conversation, null);

    public static readonly StepDefinition ContextItemUpdate = new StepDefinition(
        new Guid("fa097376-9cb1-404b-aace-baf87b77c030"),
        "Identification: re-identify when a context variable changes",
        Schema.Messages.Update, Schema.ContextItem.Table, StepStage.PostOperation, asynchronous: true, rank: 1,
        new[] { Schema.ContextItem.Value }, ContextItemImage,
        new[] { Schema.ContextItem.Name, Schema.ContextItem.Value, Schema.ContextItem.Conversation },
        "Late evidence: a context variable's value changed; identifies again over all the open conversation's evidence.",
        EvidenceKind.ContextVariable, Schema.ContextItem.Conversation, null, new Guid("eaa0b9d5-8a05-4a6f-82e5-c2bed6e6fee5"));

    public static readonly StepDefinition VoiceContextCreate = new StepDefinition(
        new Guid("ddf5f076-27aa-4ace-b299-39c9915c2171"),
        "Identification: re-identify when the voice context arrives",
        Schema.Messages.Create, Schema.VoiceContext.Table, StepStage.PostOperation, asynchronous: true, rank: 1,
        Array.Empty<string>(), null, Array.Empty<string>(),
        "Late evidence: the caller's number; identifies again over all the open conversation's evidence.",
        EvidenceKind.EngagementContext, Schema.VoiceContext.Conversation, Schema.VoiceContext.FromPhone);

    public static readonly StepDefinition SmsContextCreate = new StepDefinition(
        new Guid("649351bf-1119-4597-bb95-7b8b4161e3e9"),
        "Identification: re-identify when the SMS context arrives",
        Schema.Messages.Create, Schema.SmsContext.Table, StepStage.PostOperation, asynchronous: true, rank: 1,
        Array.Empty<string>(), null, Array.Empty<string>(),
        "Late evidence: the texter's number; identifies again over all the open conversation's evidence.",
        EvidenceKind.EngagementContext, Schema.SmsContext.Conversation, Schema.SmsContext.CustomerPhone);

    public static readonly StepDefinition LiveChatContextCreate = new StepDefinition(
        new Guid("5c2e9b71-3d84-4f0a-9a6e-1b7d2c4e8f03"),
        "Identification: re-identify when the live-chat context arrives",
        Schema.Messages.Create, Schema.LiveChatContext.Table, StepStage.PostOperation, asynchronous: true, rank: 1,
        Array.Empty<string>(), null, Array.Empty<string>(),
        "Late evidence: the signed-in portal identity of a chat; identifies again over all the open conversation's evidence.",
        EvidenceKind.EngagementContext, Schema.LiveChatContext.Conversation, Schema.LiveChatContext.PortalContactId);

    /// <summary>All steps, in registration order.</summary>
    public static readonly IReadOnlyList<StepDefinition> All = new[]
    {
        ConversationCreate, ContextItemCreate, ContextItemUpdate, VoiceContextCreate, SmsContextCreate, LiveChatContextCreate,
    };
}
