using System;
using System.Linq;
using System.Xml.Linq;
using Identification.Plugins.Registration;
using Xunit;

namespace Identification.Solution.Tests;

/// <summary>Issue 16 item 4: the core zip carries idf_IdentifyCustomer as Dataverse exports a Custom API.</summary>
public sealed class CustomApiSolutionTests
{
    private const string Folder = "customapis/idf_IdentifyCustomer/";
    private const string PluginTypeId = "d4a7c2e9-5b18-4f3a-9c06-2e8b71f4a5d3";

    // The columns of the customapi, customapirequestparameter and customapiresponseproperty tables a solution file may
    // set, in the order Microsoft's "custom API solution files" page writes them.
    private static readonly string[] CustomApiColumns =
    [
        "allowedcustomprocessingsteptype", "bindingtype", "boundentitylogicalname", "description", "displayname", "executeprivilegename",
        "iscustomizable", "isfunction", "isprivate", "name", "plugintypeid", "workflowsdkstepenabled",
    ];

    private static readonly string[] RequestParameterColumns = ["description", "displayname", "iscustomizable", "isoptional", "logicalentityname", "name", "type"];

    private static readonly string[] ResponsePropertyColumns = ["description", "displayname", "iscustomizable", "logicalentityname", "name", "type"];

    private static readonly SolutionPackage Core = SolutionPackage.OpenBuilt(SolutionPackage.Core);

    [Fact]
    public void The_core_defines_an_unbound_public_action_run_by_the_api_plugin_type()
    {
        var api = Core.Xml(Folder + "customapi.xml").Root!;

        Assert.Equal("customapi", api.Name.LocalName);
        Assert.Equal("idf_IdentifyCustomer", (string?)api.Attribute("uniquename"));
        Assert.Equal(CustomApiColumns, api.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("0", (string?)api.Element("bindingtype"));
        Assert.Equal("0", (string?)api.Element("isfunction"));
        Assert.Equal("0", (string?)api.Element("isprivate"));
        Assert.Equal("0", (string?)api.Element("allowedcustomprocessingsteptype"));
        Assert.Equal(PluginTypeId, (string?)api.Element("plugintypeid")!.Element("plugintypeid"));
        var declared = Core.PluginAssembly!.Element("PluginTypes")!.Elements("PluginType").Single(t => (string?)t.Attribute("PluginTypeId") == PluginTypeId);
        Assert.Equal(IdentifyCustomerApi.PluginTypeName, (string?)declared.Attribute("Name"));
        var facts = PluginTypeInspector.Inspect(Built.PluginAssembly, IdentifyCustomerApi.PluginTypeName);
        Assert.True(facts is { IsPublic: true, IsAbstract: false });
        Assert.Contains("Microsoft.Xrm.Sdk.IPlugin, Microsoft.Xrm.Sdk", facts.Interfaces);
    }

    [Fact]
    public void Each_request_parameter_has_its_folder_type_and_required_flag()
    {
        Assert.Equal(
            IdentifyCustomerApi.RequestParameters.Select(p => $"{Folder}customapirequestparameters/{p.UniqueName}/customapirequestparameter.xml").Order(),
            Core.Entries.Keys.Where(k => k.StartsWith(Folder + "customapirequestparameters/", StringComparison.Ordinal)).Order());
        foreach (var expected in IdentifyCustomerApi.RequestParameters)
        {
            var parameter = Core.Xml($"{Folder}customapirequestparameters/{expected.UniqueName}/customapirequestparameter.xml").Root!;
            Assert.Equal(expected.UniqueName, (string?)parameter.Attribute("uniquename"));
            Assert.Equal(RequestParameterColumns, parameter.Elements().Select(e => e.Name.LocalName));
            Assert.Equal(expected.Type, (int)parameter.Element("type")!);
            Assert.Equal(expected.IsOptional ? 1 : 0, (int)parameter.Element("isoptional")!);
        }

        Assert.Equal(["ConversationId"], IdentifyCustomerApi.RequestParameters.Where(p => !p.IsOptional).Select(p => p.UniqueName));
        Assert.Equal(CustomApiField.Boolean, IdentifyCustomerApi.RequestParameters.Single(p => p.UniqueName == "Link").Type);
    }

    [Fact]
    public void Each_response_property_has_its_folder_and_type_and_no_isoptional()
    {
        Assert.Equal(
            IdentifyCustomerApi.ResponseProperties.Select(p => $"{Folder}customapiresponseproperties/{p.UniqueName}/customapiresponseproperty.xml").Order(),
            Core.Entries.Keys.Where(k => k.StartsWith(Folder + "customapiresponseproperties/", StringComparison.Ordinal)).Order());
        foreach (var expected in IdentifyCustomerApi.ResponseProperties)
        {
            var property = Core.Xml($"{Folder}customapiresponseproperties/{expected.UniqueName}/customapiresponseproperty.xml").Root!;
            Assert.Equal(ResponsePropertyColumns, property.Elements().Select(e => e.Name.LocalName));
            Assert.Equal(expected.Type, (int)property.Element("type")!);
        }

        Assert.Equal(
            ["Outcome", "CustomerType", "Customer", "CaseNumber", "MissingInputs", "Message"],
            IdentifyCustomerApi.ResponseProperties.Select(p => p.UniqueName));
        Assert.Equal(CustomApiField.EntityReference, IdentifyCustomerApi.ResponseProperties.Single(p => p.UniqueName == "Customer").Type);
    }

    [Fact]
    public void Only_the_core_carries_the_custom_api()
    {
        foreach (var name in new[] { SolutionPackage.Sms, SolutionPackage.Voice, SolutionPackage.PhoneHygiene })
        {
            Assert.DoesNotContain(SolutionPackage.OpenBuilt(name).Entries.Keys, k => k.StartsWith("customapis/", StringComparison.Ordinal));
        }
    }
}
