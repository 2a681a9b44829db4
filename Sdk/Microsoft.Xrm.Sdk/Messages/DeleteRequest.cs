namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The Delete message: deletes the row <see cref="Target"/> names.</summary>
public sealed class DeleteRequest : OrganizationRequest
{
    public DeleteRequest()
    {
        RequestName = "Delete";
        Target = null;
    }

    public EntityReference Target
    {
        get => GetParameter<EntityReference>(nameof(Target));
        set => Parameters[nameof(Target)] = value;
    }

    /// <summary>The request parameter "ConcurrencyBehavior" (Default when absent); IfRowVersionMatches checks Target.RowVersion.</summary>
    public ConcurrencyBehavior ConcurrencyBehavior
    {
        get => GetParameter<ConcurrencyBehavior>(nameof(ConcurrencyBehavior));
        set => Parameters[nameof(ConcurrencyBehavior)] = value;
    }
}
