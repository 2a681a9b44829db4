using System;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>
/// A plug-in execution context (IPluginExecutionContext) whose every property can be set, for tests that execute
/// a plug-in directly; the pipeline fills one per step the way Dataverse does.
/// </summary>
public sealed class LocalPluginContext : IPluginExecutionContext
{
    public int Mode { get; set; }

    /// <summary>2: sandbox, the only isolation mode in Dataverse online.</summary>
    public int IsolationMode { get; set; } = 2;

    public int Depth { get; set; } = 1;

    public string MessageName { get; set; } = "Create";

    public string PrimaryEntityName { get; set; } = string.Empty;

    public Guid? RequestId { get; set; }

    public string SecondaryEntityName { get; set; } = "none";

    public ParameterCollection InputParameters { get; set; } = new();

    public ParameterCollection OutputParameters { get; set; } = new();

    public ParameterCollection SharedVariables { get; set; } = new();

    public Guid UserId { get; set; }

    public Guid InitiatingUserId { get; set; }

    public Guid BusinessUnitId { get; set; }

    public Guid OrganizationId { get; set; }

    public string OrganizationName { get; set; } = string.Empty;

    public Guid PrimaryEntityId { get; set; }

    public EntityImageCollection PreEntityImages { get; set; } = new();

    public EntityImageCollection PostEntityImages { get; set; } = new();

    public EntityReference? OwningExtension { get; set; }

    public Guid CorrelationId { get; set; } = Guid.NewGuid();

    public bool IsExecutingOffline { get; set; }

    public bool IsOfflinePlayback { get; set; }

    public bool IsInTransaction { get; set; } = true;

    public Guid OperationId { get; set; } = Guid.NewGuid();

    public DateTime OperationCreatedOn { get; set; } = DateTime.UtcNow;

    public int Stage { get; set; } = PipelineStage.PostOperation;

    public IPluginExecutionContext? ParentContext { get; set; }

    /// <summary>The call chain this context runs in: its transaction and queued asynchronous steps.</summary>
    internal OperationChain? Chain { get; set; }

    /// <summary>Called before each service call the plug-in makes (the interleaving scheduler parks the job there).</summary>
    internal Action? BeforeServiceCall { get; set; }
}
