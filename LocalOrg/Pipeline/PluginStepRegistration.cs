using System;
using System.Collections.Generic;

namespace Identification.LocalOrg;

/// <summary>A plug-in step, as registered with the Plugin Registration Tool: which plug-in runs on which message, table and stage.</summary>
public sealed class PluginStepRegistration
{
    public PluginStepRegistration()
    {
    }

    public PluginStepRegistration(Type pluginType, string messageName, string entityName, int stage)
    {
        PluginType = pluginType;
        MessageName = messageName;
        EntityName = entityName;
        Stage = stage;
    }

    /// <summary>The plug-in class (implements IPlugin; a (string unsecure, string secure) or parameterless constructor).</summary>
    public Type PluginType { get; set; } = null!;

    /// <summary>Create, Update or Delete.</summary>
    public string MessageName { get; set; } = "Create";

    /// <summary>The table's logical name; empty for every table.</summary>
    public string EntityName { get; set; } = string.Empty;

    /// <summary>10 pre-validation, 20 pre-operation, 40 post-operation.</summary>
    public int Stage { get; set; } = PipelineStage.PostOperation;

    /// <summary>Runs after the outermost operation commits, outside its transaction (post-operation only).</summary>
    public bool Asynchronous { get; set; }

    /// <summary>Execution order among steps of the same message, table and stage: lowest first, then registration order.</summary>
    public int Rank { get; set; } = 1;

    public string? UnsecureConfiguration { get; set; }

    public string? SecureConfiguration { get; set; }

    /// <summary>Update only: the step runs only when the update sets one of these columns (empty: any update).</summary>
    public IReadOnlyCollection<string> FilteringAttributes { get; set; } = [];

    /// <summary>Pre/post entity images handed to the plug-in.</summary>
    public IList<ImageRegistration> Images { get; set; } = new List<ImageRegistration>();

    /// <summary>Run the plug-in as this user (the step's "Run in User's Context"); null: the calling user.</summary>
    public Guid? RunAsUserId { get; set; }

    /// <summary>The step's id (sdkmessageprocessingstep), reported as the context's OwningExtension.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>A short description for errors and traces.</summary>
    public override string ToString() =>
        $"{PluginType?.Name} on {MessageName} of {(EntityName.Length == 0 ? "any table" : EntityName)}, stage {Stage}{(Asynchronous ? " (async)" : string.Empty)}";
}

/// <summary>The pipeline stages a step can register on.</summary>
public static class PipelineStage
{
    public const int PreValidation = 10;
    public const int PreOperation = 20;
    public const int MainOperation = 30;
    public const int PostOperation = 40;
}

/// <summary>Whether an image shows the row before or after the operation.</summary>
public enum ImageKind
{
    Pre,
    Post,
}

/// <summary>An entity image registered on a step: a named copy of the row with the listed columns (none listed: all).</summary>
public sealed class ImageRegistration
{
    public ImageRegistration(string name, ImageKind kind, params string[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        Attributes = attributes ?? [];
    }

    /// <summary>The key of the image in PreEntityImages/PostEntityImages (the entity alias in the Plugin Registration Tool).</summary>
    public string Name { get; }

    public ImageKind Kind { get; }

    public IReadOnlyList<string> Attributes { get; }
}
