using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Identification.Plugins.Registration;

namespace Identification.Solution;

/// <summary>
/// The solution source, Solution/SolutionDefinition.json: the solutions the build writes (the core, and one per Omnichannel
/// channel whose table some steps need), their publisher, the assembly and plug-in types with fixed ids, and the steps as the
/// plug-in declares them (<see cref="PluginSteps"/>, ids included). A step ships in the solution that lists its table.
/// </summary>
internal sealed partial record SolutionSource
{
    /// <summary>The solution every environment with Omnichannel imports: the assembly, its plug-in types, and the steps on its tables.</summary>
    public required SolutionDefinition Core { get; init; }

    /// <summary>Solutions of steps on one channel's tables, each imported after the core where that channel is installed.</summary>
    public IReadOnlyList<SolutionDefinition> Channels { get; init; } = [];

    /// <summary>Solutions an admin imports by choice after the core (the phone number hygiene steps); deploy.sh never imports them.</summary>
    public IReadOnlyList<SolutionDefinition> Optional { get; init; } = [];

    public required PublisherDefinition Publisher { get; init; }
    public required AssemblyDefinition PluginAssembly { get; init; }
    /// <summary>The unsecure configuration every step gets unless it names its own.</summary>
    public JsonElement? DefaultConfiguration { get; init; }
    /// <summary>The registered steps: <see cref="PluginSteps.All"/> and <see cref="PhoneHygieneSteps.All"/>, never listed twice.</summary>
    [JsonIgnore]
    public IReadOnlyList<StepDefinition> Steps { get; init; } = [];

    /// <summary>The core, then the channel solutions: the order to import them in, and what deploy.sh imports.</summary>
    public IReadOnlyList<SolutionDefinition> Imported => [Core, .. Channels];

    /// <summary>Every solution the build writes: those deploy.sh imports, then the optional ones.</summary>
    public IReadOnlyList<SolutionDefinition> Solutions => [.. Imported, .. Optional];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false) },
    };

    public static SolutionSource Load(string path)
    {
        SolutionSource? source;
        try
        {
            source = JsonSerializer.Deserialize<SolutionSource>(File.ReadAllText(path), Options);
        }
        catch (JsonException ex)
        {
            throw new PackagingException($"{path}: {ex.Message}", ex);
        }

        if (source == null) throw new PackagingException($"{path}: the file holds no solution definition.");
        source = source with { Steps = PluginSteps.All.Concat(PhoneHygieneSteps.All).Select(StepDefinition.Of).ToList() };
        source.Validate();
        return source;
    }

    /// <summary>The steps the solution ships: those on the tables it lists, in registration order.</summary>
    public IReadOnlyList<StepDefinition> StepsOf(SolutionDefinition solution) =>
        Steps.Where(step => solution.Tables.Any(table => table.Name == step.Table)).ToList();

    /// <summary>The unsecure configuration of the solution's steps as Dataverse stores it: compact JSON, or null for none.</summary>
    public string? ConfigurationOf(SolutionDefinition solution) =>
        (solution.Configuration ?? DefaultConfiguration) is { } json ? JsonSerializer.Serialize(json) : null;

    private void Validate()
    {
        var errors = new List<string>();
        if (Publisher.OptionValuePrefix is < 10000 or > 99999)
            errors.Add("publisher.optionValuePrefix must be between 10000 and 99999.");
        if (PluginAssembly.PluginTypes.Count == 0)
            errors.Add("pluginAssembly.pluginTypes is empty.");
        if (Steps.Count == 0)
            errors.Add("steps is empty.");

        if (DefaultConfiguration is { ValueKind: not JsonValueKind.Object })
            errors.Add("defaultConfiguration must be a JSON object.");
        foreach (var solution in Solutions.Where(s => s.Configuration is { ValueKind: not JsonValueKind.Object }))
            errors.Add($"solution '{solution.UniqueName}': configuration must be a JSON object.");

        ValidateSolutions(errors);

        var ids = new[] { PluginAssembly.Id }
            .Concat(PluginAssembly.PluginTypes.Select(t => t.Id))
            .Concat(Steps.Select(s => s.Id))
            .Concat(Steps.SelectMany(s => s.Images).Select(i => i.Id))
            .ToList();
        if (ids.Contains(Guid.Empty)) errors.Add("every id must be a non-empty GUID.");
        if (ids.Distinct().Count() != ids.Count) errors.Add("ids must be unique.");

        foreach (var step in Steps)
        {
            var where = $"step '{step.Name}'";
            if (!PluginAssembly.PluginTypes.Any(t => t.Name == step.PluginType))
                errors.Add($"{where}: plug-in type '{step.PluginType}' is not declared in pluginAssembly.pluginTypes.");
            if (!SdkMessages.IsKnown(step.Message))
                errors.Add($"{where}: message '{step.Message}' has no known SdkMessageId (known: {string.Join(", ", SdkMessages.Names)}).");
            if (step.FilteringAttributes.Count > 0 && step.Message != SdkMessages.Update)
                errors.Add($"{where}: filtering attributes apply to Update steps only.");
            if (step.Mode == StepMode.Asynchronous && step.Stage != StepStage.PostOperation)
                errors.Add($"{where}: asynchronous steps must be PostOperation.");
            if (!Solutions.Any(solution => solution.Tables.Any(table => table.Name == step.Table)))
                errors.Add($"{where}: no solution lists its table {step.Table}; add it to the core or to the channel solution whose channel adds it.");
            foreach (var image in step.Images)
            {
                if (image.Type != ImageType.PreImage && step.Stage != StepStage.PostOperation)
                    errors.Add($"{where}: image '{image.Name}': post-images exist only in PostOperation.");
                if (image.Type != ImageType.PostImage && step.Message == SdkMessages.Create)
                    errors.Add($"{where}: image '{image.Name}': a Create has no pre-image.");
                if (image.Attributes.Count == 0)
                    errors.Add($"{where}: image '{image.Name}' must name its attributes (never all columns).");
            }
        }

        if (errors.Count > 0) throw new PackagingException("SolutionDefinition.json: " + string.Join(" ", errors));
    }

    private void ValidateSolutions(List<string> errors)
    {
        foreach (var solution in Solutions)
        {
            // The unique name is also the zip's file name, so it stays within what Dataverse allows in one.
            if (!UniqueNamePattern().IsMatch(solution.UniqueName))
                errors.Add($"solution '{solution.UniqueName}': a unique name is a letter followed by letters, digits and underscores.");
            if (solution.Tables.Count == 0)
                errors.Add($"solution '{solution.UniqueName}' lists no table.");
            else if (StepsOf(solution).Count == 0)
                errors.Add($"solution '{solution.UniqueName}' ships no step: no step of PluginSteps is on {string.Join(", ", solution.Tables.Select(t => t.Name))}.");
            foreach (var table in solution.Tables)
            {
                if (string.IsNullOrWhiteSpace(table.Name) || string.IsNullOrWhiteSpace(table.DisplayName) || string.IsNullOrWhiteSpace(table.AddedBy))
                    errors.Add($"solution '{solution.UniqueName}': every table needs its name, displayName and addedBy.");
            }
        }

        foreach (var duplicate in Solutions.GroupBy(s => s.UniqueName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add($"the unique name '{duplicate.Key}' is given to more than one solution.");

        // A table in two solutions would ship its steps twice; which solution a step ships in must be one answer.
        foreach (var duplicate in Solutions.SelectMany(s => s.Tables).GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"the table {duplicate.Key} is listed by more than one solution.");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex UniqueNamePattern();
}

/// <summary>One solution the build writes as a zip of its own.</summary>
internal sealed record SolutionDefinition
{
    public required string UniqueName { get; init; }
    public required string DisplayName { get; init; }
    public string Description { get; init; } = "";

    /// <summary>The tables its steps are registered on: what the environment must have before the solution imports.</summary>
    public required IReadOnlyList<TableDefinition> Tables { get; init; }

    /// <summary>The unsecure configuration of its steps, when they run another plug-in type than defaultConfiguration is for.</summary>
    public JsonElement? Configuration { get; init; }

    /// <summary>The zip's file name: the unique name, as an export names it.</summary>
    public string ZipFileName => UniqueName + ".zip";
}

/// <summary>A table some steps are registered on, as the solution's MissingDependencies name it.</summary>
internal sealed record TableDefinition
{
    /// <summary>Logical name, e.g. msdyn_smsengagementctx.</summary>
    public required string Name { get; init; }

    /// <summary>The table's display name in Microsoft's table reference.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The solution that adds the table, as Microsoft's table reference names it ("Added by: …").</summary>
    public required string AddedBy { get; init; }
}

internal sealed record PublisherDefinition
{
    public required string UniqueName { get; init; }
    public required string DisplayName { get; init; }
    public required string CustomizationPrefix { get; init; }
    public required int OptionValuePrefix { get; init; }
}

internal sealed record AssemblyDefinition
{
    /// <summary>The assembly's simple name; the built file must carry it.</summary>
    public required string Name { get; init; }
    public required Guid Id { get; init; }
    public required IReadOnlyList<PluginTypeDefinition> PluginTypes { get; init; }
}

internal sealed record PluginTypeDefinition
{
    /// <summary>Full type name (namespace and class).</summary>
    public required string Name { get; init; }
    public required Guid Id { get; init; }
    public required string FriendlyName { get; init; }
}

/// <summary>A step as the solution writes it.</summary>
internal sealed record StepDefinition
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string PluginType { get; init; }
    public required string Message { get; init; }
    public required string Table { get; init; }
    public required StepStage Stage { get; init; }
    public required StepMode Mode { get; init; }
    public required int Rank { get; init; }
    public IReadOnlyList<string> FilteringAttributes { get; init; } = [];
    public string Description { get; init; } = "";
    public IReadOnlyList<ImageDefinition> Images { get; init; } = [];

    /// <summary>The step the plug-in declares, in the solution's terms.</summary>
    public static StepDefinition Of(Plugins.Registration.StepDefinition step) => new()
    {
        Id = step.Id,
        Name = step.Name,
        PluginType = step.PluginTypeName,
        Message = step.Message,
        Table = step.EntityName,
        Stage = (StepStage)(int)step.Stage,
        Mode = step.Asynchronous ? StepMode.Asynchronous : StepMode.Synchronous,
        Rank = step.Rank,
        FilteringAttributes = step.FilteringAttributes,
        Description = step.Description,
        Images = step.PostImageName is null
            ? []
            : [new ImageDefinition
            {
                Id = step.PostImageId ?? throw new PackagingException($"Step '{step.Name}': its post-image has no fixed id in PluginSteps."),
                Name = step.PostImageName,
                EntityAlias = step.PostImageName,
                Type = ImageType.PostImage,
                Attributes = step.PostImageAttributes,
            }],
    };
}

internal sealed record ImageDefinition
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string EntityAlias { get; init; }
    public required ImageType Type { get; init; }
    public required IReadOnlyList<string> Attributes { get; init; }
}

/// <summary>Pipeline stage, numbered as Dataverse stores it.</summary>
internal enum StepStage
{
    PreValidation = 10,
    PreOperation = 20,
    PostOperation = 40,
}

internal enum StepMode
{
    Synchronous = 0,
    Asynchronous = 1,
}

internal enum ImageType
{
    PreImage = 0,
    PostImage = 1,
    Both = 2,
}
