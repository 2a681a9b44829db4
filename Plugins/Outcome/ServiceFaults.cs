using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Outcome;

/// <summary>The Dataverse faults the plug-in expects and handles, by error code (Microsoft's "Optimistic concurrency" and error code pages).</summary>
internal static class ServiceFaults
{
    /// <summary>-2147088254 (0x80060882): the row changed since it was read.</summary>
    public const int ConcurrencyVersionMismatch = -2147088254;

    /// <summary>-2147088243 (0x8006088D): the table has optimistic concurrency turned off.</summary>
    public const int OptimisticConcurrencyNotEnabled = -2147088243;

    /// <summary>-2147220937 (0x80040237): a row with that id already exists.</summary>
    public const int DuplicateRecord = -2147220937;

    public static bool Is(Exception exception, int errorCode) =>
        exception is FaultException<OrganizationServiceFault> fault && fault.Detail != null && fault.Detail.ErrorCode == errorCode;
}
