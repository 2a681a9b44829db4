using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>What a Dataverse service reports about a failure: an error code, a message and details.</summary>
public abstract class BaseServiceFault : IExtensibleDataObject
{
    private ErrorDetailCollection _errorDetails;

    protected BaseServiceFault()
    {
    }

    public string Message { get; set; }

    /// <summary>The Dataverse error code, e.g. -2147220969 (0x80040217) for a row that does not exist.</summary>
    public int ErrorCode { get; set; }

    public string HelpLink { get; set; }

    public DateTime Timestamp { get; set; }

    public Guid ActivityId { get; set; }

    /// <summary>The details; set to null, it reads as a new empty collection, as in the real SDK.</summary>
    public ErrorDetailCollection ErrorDetails
    {
        get => _errorDetails ??= new ErrorDetailCollection();
        set => _errorDetails = value;
    }

    public ExtensionDataObject ExtensionData { get; set; }
}
