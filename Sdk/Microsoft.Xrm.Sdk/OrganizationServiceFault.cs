using System.Globalization;
using System.Text;

namespace Microsoft.Xrm.Sdk;

/// <summary>
/// The detail of the FaultException&lt;OrganizationServiceFault&gt; that the organization service throws: callers
/// catch that exception and read <see cref="BaseServiceFault.ErrorCode"/> from its Detail.
/// </summary>
public class OrganizationServiceFault : BaseServiceFault
{
    public OrganizationServiceFault()
    {
    }

    public string TraceText { get; set; }

    public OrganizationServiceFault InnerFault { get; set; }

    /// <summary>
    /// As the real SDK prints it, for this fault then each inner fault: the code in hex, the message and the UTC
    /// timestamp, each block closed by "--". The trace text, help link and details are not printed.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var fault = this; fault != null; fault = fault.InnerFault)
        {
            text.AppendLine("Exception details: ")
                .AppendLine("ErrorCode: 0x" + fault.ErrorCode.ToString("X", CultureInfo.InvariantCulture))
                .AppendLine("Message: " + fault.Message)
                .AppendLine("TimeStamp: " + fault.Timestamp.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture))
                .AppendLine("--");
        }

        return text.ToString();
    }
}
