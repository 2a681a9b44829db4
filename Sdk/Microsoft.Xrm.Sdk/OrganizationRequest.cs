using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>A message to execute: a name and named parameters.</summary>
public class OrganizationRequest : IExtensibleDataObject
{
    public OrganizationRequest()
    {
        Parameters = new ParameterCollection();
    }

    public OrganizationRequest(string requestName)
        : this()
    {
        RequestName = requestName;
    }

    public string RequestName { get; set; }

    /// <summary>Reads (KeyNotFoundException when absent) or writes a parameter.</summary>
    public object this[string parameterName]
    {
        get => Parameters[parameterName];
        set => Parameters[parameterName] = value;
    }

    public ParameterCollection Parameters { get; set; }

    public Guid? RequestId { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    /// <summary>The typed value of a message property: default when absent.</summary>
    internal T GetParameter<T>(string name) =>
        Parameters.TryGetValue(name, out var value) && value != null ? (T)value : default;
}
