using System.Linq;
using Identification.Identify.Replay;
using Identification.LocalOrg;
using Identification.Plugins.Registration;

namespace Identification.Plugins.Tests.Support;

/// <summary>The optional phone number hygiene steps, registered on an organization as the hygiene solution ships them.</summary>
internal static class PhoneHygieneRegistration
{
    /// <summary>Registers <see cref="PhoneHygieneSteps.All"/> with <paramref name="configuration"/> as their unsecure configuration.</summary>
    public static LocalOrganization RegisterPhoneHygiene(this LocalOrganization org, string? configuration)
    {
        foreach (var step in PhoneHygieneSteps.All)
        {
            org.RegisterStep(LocalStepRegistration.For(step, configuration));
        }

        return org;
    }

    /// <summary>The hygiene plug-in's executions, oldest first.</summary>
    public static PluginRun[] HygieneRuns(this LocalOrganization org) =>
        org.Runs.Where(r => r.PluginTypeName == typeof(PhoneNumberHygienePlugin).FullName).ToArray();
}
