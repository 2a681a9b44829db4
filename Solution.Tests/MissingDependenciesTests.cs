using System.Diagnostics;
using System.Linq;
using System.Xml.Linq;
using Identification.Plugins.Registration;
using Xunit;

namespace Identification.Solution.Tests;

/// <summary>
/// solution.xml's MissingDependencies: what each zip needs and does not carry, so the import's pre-check names the missing
/// Omnichannel table (or the missing core) instead of failing on a message filter it cannot find.
/// </summary>
public class MissingDependenciesTests
{
    private const string PluginTypeId = "{82d07ab2-528b-430b-9e42-6c81de2113ca}";

    // Display names and "Added by" as Microsoft's table reference pages give them
    // (learn.microsoft.com/dynamics365/customer-service/develop/reference/entities/<table>).
    [Theory]
    [InlineData("msdyn_ocliveworkitem", "Conversation", "Omnichannel – Base Solution")]
    [InlineData("msdyn_ocliveworkitemcontextitem", "Context item value", "Omnichannel – Base Solution")]
    [InlineData("msdyn_livechatengagementctx", "Live Chat Context", "Omnichannel – Chat Solution")]
    [InlineData("msdyn_smsengagementctx", "SMS Engagement Context", "Omnichannel – SMS Solution")]
    [InlineData("msdyn_ocphonecallengagementctx", "Phone Call Engagement Context", "Omnichannel - Telephony Solution")]
    public void Each_step_requires_its_table_from_the_solution_Microsoft_documents_as_adding_it(string table, string displayName, string addedBy)
    {
        var steps = PluginSteps.All.Where(s => s.EntityName == table).ToList();

        Assert.NotEmpty(steps);
        foreach (var step in steps)
        {
            var required = RequiredBy(SolutionPackage.Shipping(step.Name), step).Single(r => (string?)r.Attribute("type") == "1");
            Assert.Equal(table, (string?)required.Attribute("schemaName"));
            Assert.Equal(displayName, (string?)required.Attribute("displayName"));
            Assert.Equal(addedBy, (string?)required.Attribute("solution"));
        }
    }

    [Theory]
    [InlineData(SolutionPackage.Sms)]
    [InlineData(SolutionPackage.Voice)]
    public void A_channel_step_requires_the_plugin_type_from_the_core_solution_of_the_same_version(string solution)
    {
        var package = SolutionPackage.OpenBuilt(solution);
        var version = FileVersionInfo.GetVersionInfo(Built.PluginAssembly).FileVersion;

        foreach (var step in PluginSteps.All.Where(s => package.StepNames.Contains(s.Name)))
        {
            var required = RequiredBy(package, step).Single(r => (string?)r.Attribute("type") == "90");
            Assert.Equal(PluginTypeId, (string?)required.Attribute("id"));
            Assert.Equal(step.PluginTypeName, (string?)required.Attribute("schemaName"));
            Assert.Equal($"CustomerIdentification ({version})", (string?)required.Attribute("solution"));
        }
    }

    [Fact]
    public void The_core_requires_only_the_Omnichannel_tables_it_carries_the_plugin_type_itself()
    {
        var core = SolutionPackage.OpenBuilt(SolutionPackage.Core);

        Assert.All(core.MissingDependencies, dependency => Assert.Equal("1", (string?)dependency.Element("Required")!.Attribute("type")));
        Assert.Equal(core.Steps.Count, core.MissingDependencies.Count);
    }

    [Theory]
    [InlineData(SolutionPackage.Core)]
    [InlineData(SolutionPackage.Sms)]
    [InlineData(SolutionPackage.Voice)]
    public void Every_missing_dependency_pairs_one_required_component_with_one_step_of_the_zip(string solution)
    {
        var package = SolutionPackage.OpenBuilt(solution);
        var stepIds = package.Steps.Select(s => (string?)s.Attribute("SdkMessageProcessingStepId")).ToList();

        Assert.NotEmpty(package.MissingDependencies);
        foreach (var dependency in package.MissingDependencies)
        {
            Assert.Equal(new XName[] { "Required", "Dependent" }, dependency.Elements().Select(e => e.Name));
            var dependent = dependency.Element("Dependent")!;
            Assert.Equal("92", (string?)dependent.Attribute("type"));
            Assert.Contains((string?)dependent.Attribute("id"), stepIds);
            Assert.Equal(
                (string?)package.Steps.Single(s => (string?)s.Attribute("SdkMessageProcessingStepId") == (string?)dependent.Attribute("id")).Attribute("Name"),
                (string?)dependent.Attribute("displayName"));
        }
    }

    private static XElement[] RequiredBy(SolutionPackage package, StepDefinition step) =>
        package.MissingDependencies
            .Where(d => (string?)d.Element("Dependent")!.Attribute("id") == "{" + step.Id.ToString("D") + "}")
            .Select(d => d.Element("Required")!)
            .ToArray();
}
