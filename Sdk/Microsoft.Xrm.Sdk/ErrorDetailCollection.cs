namespace Microsoft.Xrm.Sdk;

/// <summary>Name/value details of a service fault.</summary>
public sealed class ErrorDetailCollection : DataCollection<string, object>
{
    public ErrorDetailCollection()
    {
    }
}
