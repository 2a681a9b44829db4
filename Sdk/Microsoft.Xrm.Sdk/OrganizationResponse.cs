using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>The result of a message: a name and named results.</summary>
public class OrganizationResponse : IExtensibleDataObject
{
    public OrganizationResponse()
    {
        Results = new ParameterCollection();
    }

    public string ResponseName { get; set; }

    /// <summary>Reads (KeyNotFoundException when absent) or writes a result.</summary>
    public object this[string parameterName]
    {
        get => Results[parameterName];
        set => Results[parameterName] = value;
    }

    public ParameterCollection Results { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    /// <summary>The typed value of a response property: default when absent.</summary>
    internal T GetResult<T>(string name) =>
        Results.TryGetValue(name, out var value) && value != null ? (T)value : default;
}
