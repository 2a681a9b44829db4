using System;
using System.Globalization;
using System.Runtime.Serialization;
using System.Text;

namespace Microsoft.Xrm.Sdk;

/// <summary>The common shape of the faults Dataverse services return: an error code, a message and details.</summary>
public abstract class BaseServiceFault : IExtensibleDataObject
{
    private ErrorDetailCollection _errorDetails;

    protected BaseServiceFault()
    {
    }

    public string Message { get; set; }

    /// <summary>The Dataverse error code, e.g. -2147088254 (ConcurrencyVersionMismatch).</summary>
    public int ErrorCode { get; set; }

    public string HelpLink { get; set; }

    public DateTime Timestamp { get; set; }

    public Guid ActivityId { get; set; }

    /// <summary>Further details; never null (an empty collection is created when none was set).</summary>
    public ErrorDetailCollection ErrorDetails
    {
        get => _errorDetails ??= new ErrorDetailCollection();
        set => _errorDetails = value;
    }

    public ExtensionDataObject ExtensionData { get; set; }
}

/// <summary>The detail of FaultException&lt;OrganizationServiceFault&gt;: what the organization service reports when a request fails.</summary>
public class OrganizationServiceFault : BaseServiceFault
{
    public OrganizationServiceFault()
    {
    }

    /// <summary>The plug-in trace of the failed operation, when there was one.</summary>
    public string TraceText { get; set; }

    /// <summary>The fault that caused this one, if any.</summary>
    public OrganizationServiceFault InnerFault { get; set; }

    public override string ToString()
    {
        var text = new StringBuilder();
        for (var fault = this; fault != null; fault = fault.InnerFault)
        {
            if (text.Length > 0)
            {
                text.Append(" ---> ");
            }

            text.Append(string.Format(CultureInfo.InvariantCulture, "OrganizationServiceFault (0x{0:X8}): {1}", fault.ErrorCode, fault.Message));
        }

        return text.ToString();
    }
}

/// <summary>Named details of a service fault.</summary>
public sealed class ErrorDetailCollection : DataCollection<string, object>
{
    public ErrorDetailCollection()
    {
    }
}
