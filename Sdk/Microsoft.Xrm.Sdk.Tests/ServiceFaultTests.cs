using System;
using System.Linq;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests;

/// <summary>OrganizationServiceFault, the detail of the FaultException&lt;OrganizationServiceFault&gt; callers catch.</summary>
public class ServiceFaultTests
{
    [Fact]
    public void A_new_fault_has_no_code_no_message_and_no_details()
    {
        var fault = new OrganizationServiceFault();

        Assert.Equal(0, fault.ErrorCode);
        Assert.Null(fault.Message);
        Assert.Null(fault.InnerFault);
        Assert.Null(fault.TraceText);
        Assert.Equal(default, fault.Timestamp);
        Assert.Empty(fault.ErrorDetails);
    }

    [Fact]
    public void ErrorDetails_set_to_null_read_as_a_new_empty_collection()
    {
        var fault = new OrganizationServiceFault { ErrorDetails = null! };

        fault.ErrorDetails["attribute"] = "fullname";

        Assert.Equal("fullname", fault.ErrorDetails["attribute"]);
    }

    [Fact]
    public void Prints_code_message_and_timestamp_of_the_fault_and_each_inner_fault()
    {
        var fault = new OrganizationServiceFault
        {
            ErrorCode = -2147088254,
            Message = "The version of the existing record doesn't match the RowVersion property provided.",
            Timestamp = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc),
            TraceText = "not printed",
            HelpLink = "http://not.printed",
            InnerFault = new OrganizationServiceFault { ErrorCode = 5, Message = "inner" },
        };

        Assert.Equal(
            Lines(
                "Exception details: ",
                "ErrorCode: 0x80060882",
                "Message: The version of the existing record doesn't match the RowVersion property provided.",
                "TimeStamp: 2025-03-04T05:06:07.0000000Z",
                "--",
                "Exception details: ",
                "ErrorCode: 0x5",
                "Message: inner",
                "TimeStamp: 0001-01-01T00:00:00.0000000Z",
                "--"),
            fault.ToString());
    }

    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));
}
