namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The Update message: writes the attributes of <see cref="Target"/>.</summary>
public sealed class UpdateRequest : OrganizationRequest
{
    public UpdateRequest()
    {
        RequestName = "Update";
        Target = null;
    }

    public Entity Target
    {
        get => GetParameter<Entity>(nameof(Target));
        set => Parameters[nameof(Target)] = value;
    }

    /// <summary>
    /// The request parameter "ConcurrencyBehavior" (Default when absent). IfRowVersionMatches makes the update
    /// fail unless Target.RowVersion is the row's current version.
    /// </summary>
    public ConcurrencyBehavior ConcurrencyBehavior
    {
        get => GetParameter<ConcurrencyBehavior>(nameof(ConcurrencyBehavior));
        set => Parameters[nameof(ConcurrencyBehavior)] = value;
    }
}
