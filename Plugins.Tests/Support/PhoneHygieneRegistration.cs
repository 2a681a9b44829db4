using System.Linq;
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
            org.RegisterStep(new PluginStepRegistration
            {
                PluginType = typeof(PhoneNumberHygienePlugin),
                MessageName = step.Message,
                EntityName = step.EntityName,
                Stage = (int)step.Stage,
                Asynchronous = step.Asynchronous,
                Rank = step.Rank,
                UnsecureConfiguration = configuration,
                FilteringAttributes = step.FilteringAttributes.ToList(),
            });
        }

        return org;
    }

    /// <summary>The hygiene plug-in's executions, oldest first.</summary>
    public static PluginRun[] HygieneRuns(this LocalOrganization org) =>
        org.Runs.Where(r => r.PluginTypeName == typeof(PhoneNumberHygienePlugin).FullName).ToArray();
}
