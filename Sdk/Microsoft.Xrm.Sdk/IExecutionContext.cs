using System;

namespace Microsoft.Xrm.Sdk;

/// <summary>What Dataverse tells any extension about the operation it runs in.</summary>
public interface IExecutionContext
{
    int Mode { get; }

    int IsolationMode { get; }

    int Depth { get; }

    string MessageName { get; }

    string PrimaryEntityName { get; }

    Guid? RequestId { get; }

    string SecondaryEntityName { get; }

    ParameterCollection InputParameters { get; }

    ParameterCollection OutputParameters { get; }

    ParameterCollection SharedVariables { get; }

    Guid UserId { get; }

    Guid InitiatingUserId { get; }

    Guid BusinessUnitId { get; }

    Guid OrganizationId { get; }

    string OrganizationName { get; }

    Guid PrimaryEntityId { get; }

    EntityImageCollection PreEntityImages { get; }

    EntityImageCollection PostEntityImages { get; }

    EntityReference OwningExtension { get; }

    Guid CorrelationId { get; }

    bool IsExecutingOffline { get; }

    bool IsOfflinePlayback { get; }

    bool IsInTransaction { get; }

    Guid OperationId { get; }

    DateTime OperationCreatedOn { get; }
}
