namespace Microsoft.Xrm.Sdk;

/// <summary>Optimistic concurrency of an update or delete: whether it applies only while the row is still the version read.</summary>
public enum ConcurrencyBehavior
{
    /// <summary>The caller's context decides (for a plain request: no check).</summary>
    Default = 0,

    /// <summary>Apply only if the row's version equals the RowVersion sent; fail with ConcurrencyVersionMismatch otherwise.</summary>
    IfRowVersionMatches = 1,

    /// <summary>Apply whatever the row's version.</summary>
    AlwaysOverwrite = 2,
}
