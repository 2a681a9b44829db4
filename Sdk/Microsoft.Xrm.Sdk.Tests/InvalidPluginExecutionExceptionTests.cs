using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Serialization;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests;

public class InvalidPluginExecutionExceptionTests
{
    // COR_E_EXCEPTION: the HResult every System.Exception starts with.
    private const int ExceptionHResult = unchecked((int)0x80131500);

    [Fact]
    public void Fails_the_operation_by_default()
    {
        var error = new InvalidPluginExecutionException("No contact matches.");

        Assert.Equal("No contact matches.", error.Message);
        Assert.Equal(OperationStatus.Failed, error.Status);
        Assert.Equal(PluginHttpStatusCode.NotSet, error.HttpStatus);
        Assert.Empty(error.ExceptionDetails);
    }

    [Fact]
    public void The_error_code_is_the_HResult_of_any_exception_unless_one_is_given()
    {
        Assert.Equal(ExceptionHResult, new InvalidPluginExecutionException("No contact matches.").ErrorCode);
        Assert.Equal(ExceptionHResult, new InvalidPluginExecutionException(OperationStatus.Canceled, 0, "Stopped.").ErrorCode);

        var coded = new InvalidPluginExecutionException(OperationStatus.Canceled, 42, "Stopped.");

        Assert.Equal(42, coded.ErrorCode);
        Assert.Equal(42, coded.HResult);
    }

    [Fact]
    public void Keeps_status_error_code_and_http_status()
    {
        var error = new InvalidPluginExecutionException(OperationStatus.Canceled, 42, "Stopped.", PluginHttpStatusCode.Conflict);

        Assert.Equal(OperationStatus.Canceled, error.Status);
        Assert.Equal(42, error.ErrorCode);
        Assert.Equal(PluginHttpStatusCode.Conflict, error.HttpStatus);
        Assert.Equal("Stopped.", error.Message);
    }

    [Fact]
    public void A_status_alone_gives_an_empty_message()
    {
        var error = new InvalidPluginExecutionException(OperationStatus.Retry);

        Assert.Equal(OperationStatus.Retry, error.Status);
        Assert.Equal(string.Empty, error.Message);
    }

    [Fact]
    public void Keeps_the_inner_exception_and_the_http_status_given_alone()
    {
        var inner = new InvalidOperationException("inner");

        Assert.Same(inner, new InvalidPluginExecutionException("outer", inner).InnerException);
        Assert.Equal(PluginHttpStatusCode.NotSet, new InvalidPluginExecutionException("outer", inner).HttpStatus);
        Assert.Equal(PluginHttpStatusCode.BadRequest, new InvalidPluginExecutionException("bad", PluginHttpStatusCode.BadRequest).HttpStatus);
        Assert.Equal(OperationStatus.Suspended, new InvalidPluginExecutionException(OperationStatus.Suspended, "later").Status);
    }

    [Fact]
    public void Wrapping_a_plug_in_exception_keeps_its_http_status_but_not_its_status_or_code()
    {
        var inner = new InvalidPluginExecutionException(OperationStatus.Retry, 7, "busy", PluginHttpStatusCode.TooManyRequests);

        var error = new InvalidPluginExecutionException("outer", inner);

        Assert.Equal(PluginHttpStatusCode.TooManyRequests, error.HttpStatus);
        Assert.Equal(OperationStatus.Failed, error.Status);
        Assert.Equal(ExceptionHResult, error.ErrorCode);
    }

    [Fact]
    public void Keeps_the_details_it_is_given()
    {
        var details = new Dictionary<string, string> { ["table"] = "contact" };

        var error = new InvalidPluginExecutionException("No contact matches.", PluginHttpStatusCode.NotFound, details);

        Assert.Same(details, error.ExceptionDetails);
        Assert.Equal(PluginHttpStatusCode.NotFound, error.HttpStatus);
        Assert.Equal(OperationStatus.Suspended, new InvalidPluginExecutionException(OperationStatus.Suspended, "later", details).Status);
        Assert.Null(new InvalidPluginExecutionException("No details.", (Dictionary<string, string>)null!).ExceptionDetails);
    }

    [Fact]
    public void Prints_status_http_status_and_details_instead_of_the_message()
    {
        var details = new Dictionary<string, string> { ["table"] = "contact", ["rule"] = "email" };

        var text = new InvalidPluginExecutionException("No contact matches.", PluginHttpStatusCode.Conflict, details).ToString();

        Assert.Equal(Lines("_status: Failed", "_httpStatusCode: Conflict", "Exception Details:", "table: contact", "rule: email"), text);
    }

    [Fact]
    public void Prints_each_inner_exception_down_the_chain()
    {
        var deepest = new TimeoutException("deepest");
        var inner = new InvalidOperationException("inner", deepest);

        var text = new InvalidPluginExecutionException("outer", inner).ToString();

        Assert.Equal(Lines("_status: Failed", "_httpStatusCode: NotSet", "InnerException: " + inner, "InnerException: " + deepest), text);
    }

    [Fact]
    public void Writes_status_http_status_and_details_but_no_error_code_when_serialized()
    {
        var details = new Dictionary<string, string> { ["table"] = "contact" };
        var error = new InvalidPluginExecutionException(OperationStatus.Retry, 7, "again", PluginHttpStatusCode.TooManyRequests);
        var detailed = new InvalidPluginExecutionException("again", PluginHttpStatusCode.Conflict, details);
#pragma warning disable SYSLIB0050, SYSLIB0051 // Exercising the legacy serialization the listed GetObjectData override exists for.
        var info = new SerializationInfo(typeof(InvalidPluginExecutionException), new FormatterConverter());
        var detailedInfo = new SerializationInfo(typeof(InvalidPluginExecutionException), new FormatterConverter());

        error.GetObjectData(info, default);
        detailed.GetObjectData(detailedInfo, default);
#pragma warning restore SYSLIB0050, SYSLIB0051

        Assert.Equal(OperationStatus.Retry, info.GetValue("Status", typeof(OperationStatus)));
        Assert.Equal(PluginHttpStatusCode.TooManyRequests, info.GetValue("HttpStatus", typeof(PluginHttpStatusCode)));
        Assert.Equal(7, info.GetInt32("HResult"));
        Assert.Equal("again", info.GetString("Message"));
        Assert.DoesNotContain("ErrorCode", Names(info));
        Assert.Equal(details, detailedInfo.GetValue("ExceptionDetails", typeof(Dictionary<string, string>)));
    }

    private static List<string> Names(SerializationInfo info)
    {
        var names = new List<string>();
        foreach (var entry in info)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));
}
