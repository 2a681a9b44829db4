using System;
using System.Runtime.Serialization;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests;

public class InvalidPluginExecutionExceptionTests
{
    [Fact]
    public void Fails_the_operation_by_default()
    {
        var error = new InvalidPluginExecutionException("No contact matches.");

        Assert.Equal("No contact matches.", error.Message);
        Assert.Equal(OperationStatus.Failed, error.Status);
        Assert.Equal(PluginHttpStatusCode.NotSet, error.HttpStatus);
        Assert.Equal(0, error.ErrorCode);
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
    public void Keeps_the_inner_exception_and_the_http_status_given_alone()
    {
        var inner = new InvalidOperationException("inner");

        Assert.Same(inner, new InvalidPluginExecutionException("outer", inner).InnerException);
        Assert.Equal(PluginHttpStatusCode.BadRequest, new InvalidPluginExecutionException("bad", PluginHttpStatusCode.BadRequest).HttpStatus);
        Assert.Equal(OperationStatus.Retry, new InvalidPluginExecutionException(OperationStatus.Retry).Status);
        Assert.Equal(OperationStatus.Suspended, new InvalidPluginExecutionException(OperationStatus.Suspended, "later").Status);
    }

    [Fact]
    public void Writes_its_own_fields_when_serialized()
    {
        var error = new InvalidPluginExecutionException(OperationStatus.Retry, 7, "again", PluginHttpStatusCode.TooManyRequests);
#pragma warning disable SYSLIB0050, SYSLIB0051 // Exercising the legacy serialization the listed GetObjectData override exists for.
        var info = new SerializationInfo(typeof(InvalidPluginExecutionException), new FormatterConverter());

        error.GetObjectData(info, default);
#pragma warning restore SYSLIB0050, SYSLIB0051

        Assert.Equal((int)OperationStatus.Retry, info.GetInt32("Status"));
        Assert.Equal(7, info.GetInt32("ErrorCode"));
        Assert.Equal((int)PluginHttpStatusCode.TooManyRequests, info.GetInt32("HttpStatus"));
        Assert.Equal("again", info.GetString("Message"));
    }
}
