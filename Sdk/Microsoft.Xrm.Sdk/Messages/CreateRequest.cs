namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>The Create message: creates <see cref="Target"/>.</summary>
public sealed class CreateRequest : OrganizationRequest
{
    public CreateRequest()
    {
        RequestName = "Create";
        Target = null;
    }

    public Entity Target
    {
        get => GetParameter<Entity>(nameof(Target));
        set => Parameters[nameof(Target)] = value;
    }
}
