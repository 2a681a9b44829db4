using System;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins;

/// <summary>
/// Trace lines for admins, each with the time since the operation that started the execution was created:
/// "[+1532ms] ...". For an asynchronous step that includes the time the job waited in the queue.
/// </summary>
internal sealed class ExecutionTrace
{
    private readonly ITracingService? _tracing;
    private readonly TimeSpan _waited;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public ExecutionTrace(ITracingService? tracing, DateTime operationCreatedOn)
    {
        _tracing = tracing;
        var waited = operationCreatedOn == default ? TimeSpan.Zero : DateTime.UtcNow - operationCreatedOn.ToUniversalTime();
        _waited = waited < TimeSpan.Zero ? TimeSpan.Zero : waited;
    }

    public void Write(string message)
    {
        var since = (long)(_waited + _elapsed.Elapsed).TotalMilliseconds;

        // The message is an argument, never the format: input values may contain braces.
        _tracing?.Trace("[+{0}ms] {1}", since.ToString(CultureInfo.InvariantCulture), message);
    }
}
