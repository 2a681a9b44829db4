using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The Retrieve message: reads the <see cref="ColumnSet"/> of the record <see cref="Target"/>.</summary>
public sealed class RetrieveRequest : OrganizationRequest
{
    public RetrieveRequest()
    {
        RequestName = "Retrieve";
        Target = null;
        ColumnSet = null;
    }

    public EntityReference Target
    {
        get => GetParameter<EntityReference>(nameof(Target));
        set => Parameters[nameof(Target)] = value;
    }

    public ColumnSet ColumnSet
    {
        get => GetParameter<ColumnSet>(nameof(ColumnSet));
        set => Parameters[nameof(ColumnSet)] = value;
    }

    public bool ReturnNotifications
    {
        get => GetParameter<bool>(nameof(ReturnNotifications));
        set => Parameters[nameof(ReturnNotifications)] = value;
    }
}
