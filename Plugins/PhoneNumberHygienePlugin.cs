using System;
using Identification.Plugins.Configuration;
using Identification.Plugins.Hygiene;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins;

/// <summary>
/// Optional: rewrites the configured phone columns of a contact or account to E.164 before the row is saved, when the
/// number can be normalised without doubt, so stored numbers match what callers and texters send (ours and Microsoft's
/// identification alike). Registered PreOperation, synchronous, on the steps in <see cref="Registration.PhoneHygieneSteps"/>.
/// Stateless (only the configuration, parsed once here), and it never fails or blocks a save.
/// </summary>
public sealed class PhoneNumberHygienePlugin : IPlugin
{
    private readonly PhoneHygieneSettings? _settings;
    private readonly string? _configurationError;

    public PhoneNumberHygienePlugin()
        : this(null, null)
    {
    }

    /// <summary>Dataverse passes the step's unsecure configuration (JSON, see Solution/README.md) and secure configuration (unused).</summary>
    public PhoneNumberHygienePlugin(string? unsecureConfiguration, string? secureConfiguration)
    {
        _ = secureConfiguration;

        // No fallback to the defaults: the admin meant something else (other columns, another country), so every number
        // is left as typed, and each save says why in the trace, until the configuration is fixed.
        _settings = StepConfiguration.Parse(() => PhoneHygieneSettings.Parse(unsecureConfiguration), out _configurationError);
    }

    public void Execute(IServiceProvider serviceProvider)
    {
        if (serviceProvider == null)
        {
            throw new ArgumentNullException(nameof(serviceProvider));
        }

        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = new ExecutionTrace((ITracingService?)serviceProvider.GetService(typeof(ITracingService)), context.OperationCreatedOn);
        try
        {
            trace.Write("Phone number hygiene: " + context.MessageName + " of " + context.PrimaryEntityName + " " + context.PrimaryEntityId
                + ", stage " + context.Stage + ", mode " + context.Mode + ", depth " + context.Depth + ", correlation " + context.CorrelationId + ".");
            if (_settings == null)
            {
                trace.Write("Numbers left as typed: the step's configuration cannot be used: " + _configurationError);
                return;
            }

            var target = context.InputParameters.Contains("Target") ? context.InputParameters["Target"] as Entity : null;
            var ignored = target == null ? "the step has no Target entity"
                : context.Stage > (int)Registration.StepStage.PreOperation ? "the row is already saved at stage " + context.Stage + "; register the step PreOperation (20), synchronous"
                : null;
            if (ignored != null)
            {
                trace.Write("Nothing to do: " + ignored + ".");
                return;
            }

            Rewrite(target!, _settings, trace);
        }
#pragma warning disable CA1031 // The one place failures are caught: a synchronous PreOperation step that throws would block the save.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            trace.Write("Phone number hygiene failed; the row is saved with the numbers as they were typed: " + ex);
        }
    }

    private static void Rewrite(Entity target, PhoneHygieneSettings settings, ExecutionTrace trace)
    {
        var columns = settings.ColumnsOf(target.LogicalName);
        if (columns.Count == 0)
        {
            trace.Write("Nothing to do: no phone columns are configured for " + target.LogicalName + ".");
            return;
        }

        // Decide every column first, then write: a failure part-way leaves the Target as it came.
        var decisions = new PhoneHygieneDecision?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            if (target.Attributes.Contains(columns[i]))
            {
                decisions[i] = PhoneHygiene.Decide(target.Attributes[columns[i]], settings.DefaultCountryCode);
            }
        }

        var rewritten = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var decision = decisions[i];
            if (decision == null)
            {
                continue;
            }

            if (decision.Outcome == PhoneHygieneOutcome.Rewritten)
            {
                target.Attributes[columns[i]] = decision.E164;
                rewritten++;
            }

            trace.Write(columns[i] + ": " + PhoneHygiene.Describe(decision.Outcome, settings.DefaultCountryCode) + ".");
        }

        trace.Write(rewritten == 0 ? "No number rewritten." : rewritten + " number(s) rewritten to E.164.");
    }
}
