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

    /// <summary>Whether the update applies only while the row is still the version in Target.RowVersion.</summary>
    public ConcurrencyBehavior ConcurrencyBehavior
    {
        get => Parameters.Contains(nameof(ConcurrencyBehavior)) ? (ConcurrencyBehavior)Parameters[nameof(ConcurrencyBehavior)] : ConcurrencyBehavior.Default;
        set => Parameters[nameof(ConcurrencyBehavior)] = value;
    }
}
