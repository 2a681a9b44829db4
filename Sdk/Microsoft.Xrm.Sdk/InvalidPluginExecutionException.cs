using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>Thrown by a plug-in to fail the operation with a message the caller sees.</summary>
[Serializable]
public sealed class InvalidPluginExecutionException : Exception, ISerializable
{
    private const string StatusKey = "Status";
    private const string ErrorCodeKey = "ErrorCode";
    private const string HttpStatusKey = "HttpStatus";

    public InvalidPluginExecutionException()
    {
    }

    public InvalidPluginExecutionException(OperationStatus status)
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

    public InvalidPluginExecutionException(string message, Exception exception)
        : base(message, exception)
    {
    }

    public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus)
        : base(message)
    {
        HttpStatus = httpStatus;
    }

    public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message, PluginHttpStatusCode httpStatus)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
        HttpStatus = httpStatus;
    }

    // Exception serialization is obsolete on .NET (SYSLIB0051) but part of the listed surface (net462 plug-ins).
#pragma warning disable SYSLIB0051
    private InvalidPluginExecutionException(SerializationInfo info, StreamingContext context)
        : base(info, context)
    {
        Status = (OperationStatus)info.GetInt32(StatusKey);
        ErrorCode = info.GetInt32(ErrorCodeKey);
        HttpStatus = (PluginHttpStatusCode)info.GetInt32(HttpStatusKey);
    }
#pragma warning restore SYSLIB0051

    public OperationStatus Status { get; }

    public int ErrorCode { get; }

    public PluginHttpStatusCode HttpStatus { get; }

    // Overrides a member that is obsolete on .NET (CS0672, SYSLIB0051); the override is listed in the surface.
#pragma warning disable CS0672, SYSLIB0051
    public override void GetObjectData(SerializationInfo info, StreamingContext context)
    {
        Guard.NotNull(info, nameof(info));

        info.AddValue(StatusKey, (int)Status);
        info.AddValue(ErrorCodeKey, ErrorCode);
        info.AddValue(HttpStatusKey, (int)HttpStatus);
        base.GetObjectData(info, context);
    }
#pragma warning restore CS0672, SYSLIB0051
}
