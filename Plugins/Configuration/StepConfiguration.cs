using System;

namespace Identification.Plugins.Configuration;

/// <summary>
/// Reads a step's unsecure configuration in a plug-in's constructor, which must never throw: Dataverse would fail
/// every operation the step is registered on. A configuration that cannot be used gives null and says why.
/// </summary>
internal static class StepConfiguration
{
    public static T? Parse<T>(Func<T> parse, out string? error)
        where T : class
    {
        try
        {
            error = null;
            return parse();
        }
        catch (ConfigurationException ex)
        {
            error = ex.Message;
            return null;
        }
#pragma warning disable CA1031 // Last line of defence: the parsers throw only ConfigurationException (fuzz tests hold them to that), but a bug there must not fail every operation either.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = "the configuration could not be read (" + ex.GetType().Name + ": " + ex.Message + ")";
            return null;
        }
    }
}
