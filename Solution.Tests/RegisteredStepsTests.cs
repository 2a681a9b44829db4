using System;
using System.Linq;
using Identification.Plugins.Configuration;
using Identification.Plugins.Registration;
using Xunit;

namespace Identification.Solution.Tests;

/// <summary>
/// The steps in the zips are the registrations Plugins declares (PluginSteps), one for one, each in the zip of the
/// tables it needs: the core has what every Omnichannel environment has, SMS and voice have their channel's context.
/// </summary>
public class RegisteredStepsTests
{
    public static TheoryData<string> RegisteredStepNames => new(PluginSteps.All.Select(s => s.Name));

    [Theory]
    [InlineData(SolutionPackage.Core, new[] { "msdyn_ocliveworkitem", "msdyn_ocliveworkitemcontextitem", "msdyn_livechatengagementctx" })]
    [InlineData(SolutionPackage.Sms, new[] { "msdyn_smsengagementctx" })]
    [InlineData(SolutionPackage.Voice, new[] { "msdyn_ocphonecallengagementctx" })]
    public void Each_zip_has_exactly_the_steps_of_PluginSteps_on_its_tables(string solution, string[] tables)
    {
        Assert.Equal(
            PluginSteps.All.Where(s => tables.Contains(s.EntityName)).Select(s => s.Name),
            SolutionPackage.OpenBuilt(solution).StepNames);
    }

    [Theory]
    [MemberData(nameof(RegisteredStepNames))]
    public void Every_step_ships_in_exactly_one_zip(string name)
    {
        Assert.Single(SolutionPackage.AllBuilt(), package => package.StepNames.Contains(name));
    }

    [Theory]
    [MemberData(nameof(RegisteredStepNames))]
    public void The_step_has_the_registered_message_table_stage_mode_rank_and_filter(string name)
    {
        var registration = PluginSteps.All.Single(s => s.Name == name);
        var step = SolutionPackage.Shipping(name).Step(name);

        Assert.Equal(registration.Message == "Update" ? "20bebb1b-ea3e-db11-86a7-000a3a5473e8" : "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8", (string?)step.Element("SdkMessageId"));
        Assert.Equal(registration.EntityName, (string?)step.Element("PrimaryEntity"));
        Assert.Equal((int)registration.Stage, (int)step.Element("Stage")!);
        Assert.Equal(registration.Asynchronous ? 1 : 0, (int)step.Element("Mode")!);
        Assert.Equal(registration.Rank, (int)step.Element("Rank")!);
        Assert.Equal(string.Join(",", registration.FilteringAttributes), (string?)step.Element("FilteringAttributes"));
        Assert.Equal(registration.Description, (string?)step.Element("Description"));
        Assert.StartsWith(registration.PluginTypeName + ", ", (string?)step.Element("PluginTypeName"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RegisteredStepNames))]
    public void The_step_has_the_registered_post_image_or_none(string name)
    {
        var registration = PluginSteps.All.Single(s => s.Name == name);
        var images = SolutionPackage.Shipping(name).Step(name).Element("SdkMessageProcessingStepImages")!.Elements("SdkMessageProcessingStepImage").ToList();

        if (registration.PostImageName == null)
        {
            Assert.Empty(images);
            return;
        }

        var image = Assert.Single(images);
        Assert.Equal(registration.PostImageName, (string?)image.Attribute("Name"));
        Assert.Equal(registration.PostImageName, (string?)image.Element("EntityAlias"));
        Assert.Equal("1", (string?)image.Element("ImageType")); // PostImage
        Assert.Equal("Target", (string?)image.Element("MessagePropertyName"));
        Assert.Equal(string.Join(",", registration.PostImageAttributes), (string?)image.Element("Attributes"));
    }

    [Theory]
    [MemberData(nameof(RegisteredStepNames))]
    public void The_step_ships_a_default_configuration_the_plugin_accepts(string name)
    {
        var configuration = (string?)SolutionPackage.Shipping(name).Step(name).Element("Configuration");

        Assert.False(string.IsNullOrWhiteSpace(configuration));
        var exception = Record.Exception(() => IdentificationSettings.Parse(configuration));
        Assert.Null(exception);
    }
}
