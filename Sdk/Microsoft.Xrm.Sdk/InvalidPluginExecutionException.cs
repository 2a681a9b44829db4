using System;
using System.Collections.Generic;
using System.Runtime.Serialization;
using System.Text;

namespace Microsoft.Xrm.Sdk;

/// <summary>Thrown by a plug-in to fail the operation with a message the caller sees.</summary>
[Serializable]
public sealed class InvalidPluginExecutionException : Exception, ISerializable
{
    private const string StatusKey = "Status";
    private const string HttpStatusKey = "HttpStatus";
    private const string ExceptionDetailsKey = "ExceptionDetails";

    public InvalidPluginExecutionException()
    {
    }

    /// <summary>An exception with an empty message (not the framework's default one).</summary>
    public InvalidPluginExecutionException(OperationStatus status)
        : base(string.Empty)
    {
        Status = status;
    }

    public InvalidPluginExecutionException(string message)
        : base(message)
    {
    }

    public InvalidPluginExecutionException(OperationStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>Wraps <paramref name="exception"/>, keeping its HTTP status when it is an InvalidPluginExecutionException too.</summary>
    public InvalidPluginExecutionException(string message, Exception exception)
        : base(message, exception)
    {
        HttpStatus = (exception as InvalidPluginExecutionException)?.HttpStatus ?? PluginHttpStatusCode.NotSet;
    }

    public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
        : base(message)
    {
        Status = status;
        SetErrorCode(errorCode);
    }

    public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus)
        : base(message)
    {
        HttpStatus = httpStatus;
    }

    public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus, Dictionary<string, string> exceptionDetails)
        : base(message)
    {
        HttpStatus = httpStatus;
        ExceptionDetails = exceptionDetails;
    }

    public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message, PluginHttpStatusCode httpStatus)
        : base(message)
    {
        Status = status;
        SetErrorCode(errorCode);
        HttpStatus = httpStatus;
    }

    public InvalidPluginExecutionException(string message, Dictionary<string, string> exceptionDetails)
        : base(message)
    {
        ExceptionDetails = exceptionDetails;
    }

    public InvalidPluginExecutionException(OperationStatus status, string message, Dictionary<string, string> exceptionDetails)
        : base(message)
    {
        Status = status;
        ExceptionDetails = exceptionDetails;
    }

    // Exception serialization is obsolete on .NET (SYSLIB0051) but part of the listed surface (net462 plug-ins).
#pragma warning disable SYSLIB0051
    private InvalidPluginExecutionException(SerializationInfo info, StreamingContext context)
        : base(info, context)
    {
        Status = (OperationStatus)info.GetValue(StatusKey, typeof(OperationStatus));
        HttpStatus = (PluginHttpStatusCode)info.GetValue(HttpStatusKey, typeof(PluginHttpStatusCode));
        ExceptionDetails = (Dictionary<string, string>)info.GetValue(ExceptionDetailsKey, typeof(Dictionary<string, string>));
    }
#pragma warning restore SYSLIB0051

    public OperationStatus Status { get; }

    /// <summary>The exception's HResult: 0x80131500 (that of any Exception) unless a non-zero code was given.</summary>
    public int ErrorCode => HResult;

    public PluginHttpStatusCode HttpStatus { get; }

    /// <summary>Name/value details for the caller; empty unless given (null when null was given). The dictionary passed in is kept, not copied.</summary>
    public IReadOnlyDictionary<string, string> ExceptionDetails { get; } = new Dictionary<string, string>();

    // Overrides a member that is obsolete on .NET (CS0672, SYSLIB0051); the override is listed in the surface.
    // Like the real SDK: the status and HTTP status as enum values, the details, and no error code (HResult carries it).
#pragma warning disable CS0672, SYSLIB0051
    public override void GetObjectData(SerializationInfo info, StreamingContext context)
    {
        Guard.NotNull(info, nameof(info));

        info.AddValue(StatusKey, Status);
        info.AddValue(HttpStatusKey, HttpStatus);
        info.AddValue(ExceptionDetailsKey, ExceptionDetails, typeof(Dictionary<string, string>));
        base.GetObjectData(info, context);
    }
#pragma warning restore CS0672, SYSLIB0051

    /// <summary>
    /// What the real SDK prints: the status, the HTTP status, the details, then each inner exception down the chain.
    /// Not the message, nor the stack trace: a trace that logs this exception shows only these.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder()
            .AppendLine("_status: " + Status)
            .AppendLine("_httpStatusCode: " + HttpStatus);
        if (ExceptionDetails is { Count: > 0 })
        {
            text.AppendLine("Exception Details:");
            foreach (var detail in ExceptionDetails)
            {
                text.AppendLine(detail.Key + ": " + detail.Value);
            }
        }

        for (var inner = InnerException; inner != null; inner = inner.InnerException)
        {
            text.AppendLine("InnerException: " + inner);
        }

        return text.ToString();
    }

    // Zero means "no code": the exception keeps the HResult every Exception starts with.
    private void SetErrorCode(int errorCode)
    {
        if (errorCode != 0)
        {
            HResult = errorCode;
        }
    }
}
