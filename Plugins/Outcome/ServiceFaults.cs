using System;

namespace Identification.Plugins.Outcome;

/// <summary>The Dataverse faults the plug-in expects and handles, by error code.</summary>
internal static class ServiceFaults
{
    /// <summary>The row changed since it was read (optimistic concurrency).</summary>
    public const int ConcurrencyVersionMismatch = -2147088254;

    /// <summary>The table has optimistic concurrency turned off.</summary>
    public const int OptimisticConcurrencyNotEnabled = -2147088243;

    /// <summary>A row with that id already exists.</summary>
    public const int DuplicateRecord = -2147220937;

    // TEMPORARY until the surface has OrganizationServiceFault: no fault is recognised.
    public static bool Is(Exception exception, int errorCode) => exception == null && errorCode == 0;
}
