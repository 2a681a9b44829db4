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
}
