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

/// <summary>One registered step: the facts an admin types into the Plugin Registration Tool.</summary>
public sealed class StepDefinition
{
    public StepDefinition(string name, string message, string entityName, StepStage stage, bool asynchronous, int rank,
        IReadOnlyList<string> filteringAttributes, string? postImageName, IReadOnlyList<string> postImageAttributes, string description)
    {
        Name = name;
        Message = message;
        EntityName = entityName;
        Stage = stage;
        Asynchronous = asynchronous;
        Rank = rank;
        FilteringAttributes = filteringAttributes;
        PostImageName = postImageName;
        PostImageAttributes = postImageAttributes;
        Description = description;
        PluginTypeName = typeof(ConversationIdentificationPlugin).FullName!;
    }

    public string Name { get; }
    public string Message { get; }
    public string EntityName { get; }
    public StepStage Stage { get; }
    public bool Asynchronous { get; }
    public int Rank { get; }
    /// <summary>For Update steps: the step fires only when one of these columns changes.</summary>
    public IReadOnlyList<string> FilteringAttributes { get; }
    public string? PostImageName { get; }
    public IReadOnlyList<string> PostImageAttributes { get; }
    public string Description { get; }

    /// <summary>The plug-in type every step runs.</summary>
    public string PluginTypeName { get; }
}

/// <summary>
/// The steps of <see cref="ConversationIdentificationPlugin"/>: the conversation create, and the late evidence
/// (context items created or changed, voice and SMS contexts created) that re-runs identification.
/// The solution source (Solution/) and the README's registration table say the same; a test keeps them equal.
/// </summary>
public static class PluginSteps
{
    /// <summary>Name of the post-image the context item Update step registers.</summary>
    public const string ContextItemImage = "PostImage";

    public static readonly StepDefinition ConversationCreate = new StepDefinition(
        "Identification: identify customer and case on conversation create",
        Schema.Messages.Create, Schema.Conversation.Table, StepStage.PostOperation, asynchronous: true, rank: 1,
        Array.Empty<string>(), null, Array.Empty<string>(),
        "Finds the contact or account and the case from what is known when the conversation is created, and links them when exactly one record matches.");

    public static readonly StepDefinition ContextItemCreate = new StepDefinition(
        "Identification: re-identify when a context variable arrives",
        Schema.Messages.Create, Schema.ContextItem.Table, StepStage.PostOperation, asynchronous: true, rank: 1,
        Array.Empty<string>(), null, Array.Empty<string>(),
        "Late evidence (bot escalation, setContextProvider): fills a customer or case the open conversation still lacks.");

    public static readonly StepDefinition ContextItemUpdate = new StepDefinition(
        "Identification: re-identify when a context variable changes",
        Schema.Messages.Update, Schema.ContextItem.Table, StepStage.PostOperation, asynchronous: true, rank: 1,
        new[] { Schema.ContextItem.Value }, ContextItemImage,
        new[] { Schema.ContextItem.Name, Schema.ContextItem.Value, Schema.ContextItem.Conversation },
        "Late evidence: a context variable's value changed; fills a customer or case the open conversation still lacks.");

    public static readonly StepDefinition VoiceContextCreate = new StepDefinition(
        "Identification: re-identify when the voice context arrives",
        Schema.Messages.Create, Schema.VoiceContext.Table, StepStage.PostOperation, asynchronous: true, rank: 1,
        Array.Empty<string>(), null, Array.Empty<string>(),
        "Late evidence: the caller's number; fills a customer or case the open conversation still lacks.");

    public static readonly StepDefinition SmsContextCreate = new StepDefinition(
        "Identification: re-identify when the SMS context arrives",
        Schema.Messages.Create, Schema.SmsContext.Table, StepStage.PostOperation, asynchronous: true, rank: 1,
        Array.Empty<string>(), null, Array.Empty<string>(),
        "Late evidence: the texter's number; fills a customer or case the open conversation still lacks.");

    /// <summary>All steps, in registration order.</summary>
    public static readonly IReadOnlyList<StepDefinition> All = new[]
    {
        ConversationCreate, ContextItemCreate, ContextItemUpdate, VoiceContextCreate, SmsContextCreate,
    };
}
