using System.Linq;
using Identification.LocalOrg;
using Identification.Plugins;
using Identification.Plugins.Registration;

namespace Identification.Identify.Replay;

/// <summary>
/// A step the plug-in assembly declares (<see cref="StepDefinition"/>) registered on a LocalOrg organization as the
/// solution registers it in Dataverse: its plug-in type, message, table, stage, mode, rank, filtering attributes and
/// post-image. One source file, compiled into the identify tool and into Plugins.Tests (linked), which share no
/// project both could reference without the tests depending on the tool.
/// </summary>
internal static class LocalStepRegistration
{
    /// <param name="synchronous">Register it synchronous whatever the step says (to show what a synchronous registration does).</param>
    public static PluginStepRegistration For(StepDefinition step, string? configuration, bool synchronous = false)
    {
        var registration = new PluginStepRegistration
        {
            PluginType = typeof(ConversationIdentificationPlugin).Assembly.GetType(step.PluginTypeName, throwOnError: true)!,
            MessageName = step.Message,
            EntityName = step.EntityName,
            Stage = (int)step.Stage,
            Asynchronous = step.Asynchronous && !synchronous,
            Rank = step.Rank,
            UnsecureConfiguration = configuration,
            FilteringAttributes = step.FilteringAttributes.ToArray(),
        };
        if (step.PostImageName != null)
        {
            registration.Images.Add(new ImageRegistration(step.PostImageName, ImageKind.Post, step.PostImageAttributes.ToArray()));
        }

        return registration;
    }
}
