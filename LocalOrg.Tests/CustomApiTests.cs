using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>Sets Greeting from Name, and records its context under "main:" + Name.</summary>
public sealed class GreetingApiPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = serviceProvider.Get<IPluginExecutionContext>();
        var name = (string)context.InputParameters["Name"];
        Seen.Add("main:" + name, context);
        context.OutputParameters["Greeting"] = "Hello, " + name;
        if (context.InputParameters.TryGetValue("Save", out var save) && save is true)
        {
            serviceProvider.Get<IOrganizationServiceFactory>().CreateOrganizationService(null).Create(new Entity("contact") { ["fullname"] = name });
        }
    }
}

/// <summary>Records its context under "step:" + Name, and changes the greeting after the main operation.</summary>
public sealed class GreetingStepPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = serviceProvider.Get<IPluginExecutionContext>();
        Seen.Add("step:" + context.InputParameters["Name"], context);
        if (context.Stage == PipelineStage.PostOperation && context.OutputParameters.TryGetValue("Greeting", out var greeting))
        {
            context.OutputParameters["Greeting"] = greeting + "!";
        }
    }
}

/// <summary>Fails after writing, so the transaction must roll back.</summary>
public sealed class FailingStepPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) => throw new InvalidPluginExecutionException("refused by the post-operation step");
}

public sealed class CustomApiTests
{
    private readonly LocalOrganization org = new();

    public CustomApiTests() => org.RegisterCustomApi(new CustomApiRegistration("new_Greet", typeof(GreetingApiPlugin))
    {
        RequestParameters =
        {
            new CustomApiParameter("Name", CustomApiFieldType.String),
            new CustomApiParameter("Save", CustomApiFieldType.Boolean, isOptional: true),
        },
        ResponseProperties = { new CustomApiParameter("Greeting", CustomApiFieldType.String) },
    });

    private IOrganizationService Service => org.GetOrganizationService();

    private static OrganizationRequest Greet(string name, bool? save = null)
    {
        var request = new OrganizationRequest("new_Greet") { ["Name"] = name };
        if (save is { } value)
        {
            request["Save"] = value;
        }

        return request;
    }

    [Fact]
    public void Execute_runs_the_custom_api_plugin_at_the_main_operation_and_returns_its_output_parameters()
    {
        var response = Service.Execute(Greet("Ada-main"));

        Assert.Equal("new_Greet", response.ResponseName);
        Assert.Equal("Hello, Ada-main", response["Greeting"]);
        var context = Assert.Single(Seen.For("main:Ada-main"));
        Assert.Equal(PipelineStage.MainOperation, context.Stage);
        Assert.Equal("new_Greet", context.MessageName);
        Assert.Equal(0, context.Mode);
        Assert.Equal(1, context.Depth);
        Assert.True(context.IsInTransaction);
        Assert.Equal(string.Empty, context.PrimaryEntityName);
    }

    [Fact]
    public void Steps_registered_on_the_message_run_before_and_after_the_main_operation()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(GreetingStepPlugin), "new_Greet", string.Empty, PipelineStage.PreOperation));
        org.RegisterStep(new PluginStepRegistration(typeof(GreetingStepPlugin), "new_Greet", string.Empty, PipelineStage.PostOperation));

        var response = Service.Execute(Greet("Ada-steps"));

        Assert.Equal("Hello, Ada-steps!", response["Greeting"]);
        Assert.Equal([PipelineStage.PreOperation, PipelineStage.PostOperation], Seen.For("step:Ada-steps").Select(c => c.Stage));
        Assert.Equal(
            ["GreetingStepPlugin", "GreetingApiPlugin", "GreetingStepPlugin"],
            org.Runs.Select(r => r.PluginTypeName.Split('.').Last()));
    }

    [Fact]
    public void The_main_plugins_writes_run_at_the_next_depth_and_roll_back_when_a_later_step_fails()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(FailingStepPlugin), "new_Greet", string.Empty, PipelineStage.PostOperation));

        var error = Assert.Throws<InvalidPluginExecutionException>(() => Service.Execute(Greet("Ada-rollback", save: true)));

        Assert.Equal("refused by the post-operation step", error.Message);
        Assert.Equal(0, org.Count("contact"));
        Assert.Single(org.Runs[0].Writes);
    }

    [Fact]
    public void A_missing_required_parameter_fails_before_any_plugin_runs()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Execute(new OrganizationRequest("new_Greet") { ["Save"] = true }));

        Assert.Equal(OrganizationErrorCodes.InvalidArgument, fault.Detail.ErrorCode);
        Assert.Contains("Required parameter 'Name'", fault.Detail.Message, StringComparison.Ordinal);
        Assert.Empty(org.Runs);
    }

    [Fact]
    public void An_optional_parameter_may_be_left_out_and_a_parameter_of_the_wrong_type_is_refused()
    {
        Assert.Equal("Hello, Ada-optional", Service.Execute(Greet("Ada-optional"))["Greeting"]);

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Execute(new OrganizationRequest("new_Greet") { ["Name"] = "Ada", ["Save"] = "yes" }));
        Assert.Equal(OrganizationErrorCodes.InvalidArgument, fault.Detail.ErrorCode);
        Assert.Contains("'Save'", fault.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_the_api_does_not_define_is_refused()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Execute(new OrganizationRequest("new_Greet") { ["Name"] = "Ada", ["Shout"] = true }));

        Assert.Equal(OrganizationErrorCodes.InvalidArgument, fault.Detail.ErrorCode);
        Assert.Contains("'Shout'", fault.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_custom_message_fails_as_dataverse_fails_an_unknown_resource()
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Service.Execute(new OrganizationRequest("new_Greeet") { ["Name"] = "Ada" }));

        Assert.Equal(OrganizationErrorCodes.ResourceNotFound, fault.Detail.ErrorCode);
        Assert.StartsWith("Resource not found for the segment 'new_Greeet'.", fault.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_builtin_message_LocalOrg_does_not_model_is_still_not_supported()
    {
        Assert.Throws<NotSupportedException>(() => Service.Execute(new OrganizationRequest("WhoAmI")));
    }

    [Fact]
    public void A_step_on_a_custom_api_names_no_table_and_the_api_must_be_registered_first()
    {
        Assert.Throws<ArgumentException>(() => org.RegisterStep(new PluginStepRegistration(typeof(GreetingStepPlugin), "new_Greet", "contact", PipelineStage.PreOperation)));
        Assert.Throws<NotSupportedException>(() => org.RegisterStep(new PluginStepRegistration(typeof(GreetingStepPlugin), "new_Other", string.Empty, PipelineStage.PreOperation)));
    }
}
