namespace Microsoft.Xrm.Sdk;

/// <summary>Whether an update or delete checks the row version it was given (optimistic concurrency).</summary>
public enum ConcurrencyBehavior
{
    /// <summary>What the message does by default: for Update and Delete, the same as AlwaysOverwrite.</summary>
    Default = 0,

    /// <summary>Write only if the row's version still equals the RowVersion sent; otherwise fail with ConcurrencyVersionMismatch.</summary>
    IfRowVersionMatches = 1,

    /// <summary>Write whatever the row's version.</summary>
    AlwaysOverwrite = 2,
}
