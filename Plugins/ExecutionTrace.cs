using System;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins;

/// <summary>Trace lines for admins, each with the time since the execution started: "[+12ms] ...".</summary>
internal sealed class ExecutionTrace
{
    private readonly ITracingService? _tracing;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public ExecutionTrace(ITracingService? tracing)
    {
        _tracing = tracing;
    }

    public void Write(string message)
    {
        // The message is an argument, never the format: input values may contain braces.
        _tracing?.Trace("[+{0}ms] {1}", _elapsed.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture), message);
    }
}
