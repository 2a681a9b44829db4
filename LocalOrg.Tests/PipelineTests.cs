using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class PipelineTests
{
    private readonly LocalOrganization org = new();

    private static string Marker() => Guid.NewGuid().ToString("N");

    [Fact]
    public void A_post_operation_create_step_gets_a_full_execution_context()
    {
        var marker = Marker();
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Create", "contact", 40) { UnsecureConfiguration = marker });

        var id = org.GetOrganizationService().Create(new Entity("contact") { ["fullname"] = "Ada" });

        var context = Assert.Single(Seen.For(marker));
        Assert.Equal("Create", context.MessageName);
        Assert.Equal("contact", context.PrimaryEntityName);
        Assert.Equal(id, context.PrimaryEntityId);
        Assert.Equal(40, context.Stage);
        Assert.Equal(0, context.Mode);
        Assert.Equal(1, context.Depth);
        Assert.Equal(org.CallerId, context.UserId);
        Assert.Equal(org.CallerId, context.InitiatingUserId);
        Assert.Equal(org.OrganizationId, context.OrganizationId);
        Assert.NotEqual(Guid.Empty, context.CorrelationId);
        Assert.True(context.IsInTransaction);
        Assert.Equal(10, context.ParentContext.Stage);
        Assert.Equal("Create", context.ParentContext.MessageName);
        Assert.Null(context.ParentContext.ParentContext);
        Assert.Equal(id, context.OutputParameters["id"]);
        Assert.Equal("Ada", ((Entity)context.InputParameters["Target"])["fullname"]);
    }

    [Fact]
    public void The_plugin_is_built_with_its_unsecure_and_secure_configuration_and_traces()
    {
        var marker = Marker();
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Create", "contact", 40) { UnsecureConfiguration = marker, SecureConfiguration = "s3cret" });

        org.GetOrganizationService().Create(new Entity("contact"));

        var run = Assert.Single(org.Runs);
        Assert.Equal(["secure=s3cret"], run.Trace);
        Assert.Equal(typeof(RecordingPlugin).FullName, run.PluginTypeName);
        Assert.Null(run.Exception);
    }

    [Fact]
    public void A_pre_operation_step_can_change_what_is_written()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(StampDescriptionPlugin), "Create", "account", 20));

        var id = org.GetOrganizationService().Create(new Entity("account") { ["name"] = "Contoso" });

        Assert.Equal("stamped", org.Find("account", id)!["description"]);
    }

    [Fact]
    public void A_post_operation_plugin_that_throws_rolls_back_the_row_and_its_nested_writes()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(CreateTaskThenMaybeThrowPlugin), "Create", "account", 40) { UnsecureConfiguration = "throw" });

        var error = Assert.Throws<InvalidPluginExecutionException>(() => org.GetOrganizationService().Create(new Entity("account") { ["name"] = "Contoso" }));

        Assert.Equal("Rejected by CreateTaskThenMaybeThrowPlugin", error.Message);
        Assert.Equal(0, org.Count("account"));
        Assert.Equal(0, org.Count("task"));
        Assert.Single(org.Runs[0].Writes);
    }

    [Fact]
    public void A_post_operation_plugin_that_succeeds_keeps_its_nested_writes()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(CreateTaskThenMaybeThrowPlugin), "Create", "account", 40));

        var id = org.GetOrganizationService().Create(new Entity("account"));

        Assert.Equal(1, org.Count("account"));
        var task = Assert.Single(org.CreateQuery("task"));
        Assert.Equal("follow up " + id, task["subject"]);
    }

    [Fact]
    public void A_pre_validation_failure_aborts_before_anything_is_written()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(ThrowingPlugin), "Create", "account", 10));

        Assert.Throws<InvalidPluginExecutionException>(() => org.GetOrganizationService().Create(new Entity("account")));

        Assert.Equal(0, org.Count("account"));
    }

    [Fact]
    public void Nested_operations_run_one_level_deeper_with_the_parent_context()
    {
        var marker = Marker();
        org.RegisterStep(new PluginStepRegistration(typeof(CreateTaskThenMaybeThrowPlugin), "Create", "account", 40));
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Create", "task", 40) { UnsecureConfiguration = marker });

        org.GetOrganizationService().Create(new Entity("account"));

        var nested = Assert.Single(Seen.For(marker));
        Assert.Equal(2, nested.Depth);
        var outerPipeline = nested.ParentContext;
        Assert.Equal(("task", 10), (outerPipeline.PrimaryEntityName, outerPipeline.Stage));
        var accountStep = outerPipeline.ParentContext;
        Assert.Equal(("account", 40), (accountStep.PrimaryEntityName, accountStep.Stage));
        Assert.Equal(accountStep.CorrelationId, nested.CorrelationId);
    }

    [Fact]
    public void The_depth_limit_stops_an_infinite_loop_with_Dataverses_message_and_rolls_everything_back()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(RecursiveCreatePlugin), "Create", "new_loop", 40));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().Create(new Entity("new_loop")));

        Assert.Equal(OrganizationErrorCodes.InfiniteLoopDetected, fault.Detail.ErrorCode);
        Assert.StartsWith("This workflow job was canceled because the workflow that started it included an infinite loop.", fault.Message, StringComparison.Ordinal);
        Assert.Equal(LocalOrganization.MaxDepth, org.Runs.Max(r => r.Depth));
        Assert.Equal(0, org.Count("new_loop"));
    }

    [Fact]
    public void Steps_run_in_rank_order_and_share_variables_across_stages()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(SharedVariablePlugin), "Create", "lead", 40) { Rank = 2, UnsecureConfiguration = "second" });
        org.RegisterStep(new PluginStepRegistration(typeof(SharedVariablePlugin), "Create", "lead", 40) { Rank = 1, UnsecureConfiguration = "first" });
        org.RegisterStep(new PluginStepRegistration(typeof(SharedVariablePlugin), "Create", "lead", 20) { UnsecureConfiguration = "preoperation" });

        org.GetOrganizationService().Create(new Entity("lead"));

        Assert.Equal([20, 40, 40], org.Runs.Select(r => r.Stage));
        var last = Seen.For("shared").Last(c => c.PrimaryEntityName == "lead" && c.SharedVariables.Contains("second"));
        Assert.Equal(20, last.SharedVariables["preoperation"]);
        Assert.Equal(40, last.SharedVariables["first"]);
    }

    [Theory]
    [InlineData("Create")]
    [InlineData("Update")]
    [InlineData("Delete")]
    public void A_variable_shared_in_pre_validation_reaches_later_stages_only_through_the_parent_context(string message)
    {
        var marker = Marker();
        var id = org.GetOrganizationService().Create(new Entity("lead"));
        org.RegisterStep(new PluginStepRegistration(typeof(SharedVariablePlugin), message, "lead", 10) { UnsecureConfiguration = marker + "validation" });
        org.RegisterStep(new PluginStepRegistration(typeof(SharedVariablePlugin), message, "lead", 40) { UnsecureConfiguration = marker + "post" });
        var service = org.GetOrganizationService();

        switch (message)
        {
            case "Create":
                service.Create(new Entity("lead"));
                break;
            case "Update":
                service.Update(new Entity("lead", id) { ["subject"] = "changed" });
                break;
            default:
                service.Delete("lead", id);
                break;
        }

        var post = Seen.For("shared").Last(c => c.SharedVariables.Contains(marker + "post"));
        Assert.False(post.SharedVariables.Contains(marker + "validation"));
        Assert.Equal(10, post.ParentContext.SharedVariables[marker + "validation"]);
        Assert.Equal(10, post.ParentContext.Stage);
    }

    [Fact]
    public void A_custom_apis_steps_share_one_set_of_variables_from_pre_validation_on()
    {
        org.RegisterCustomApi(new CustomApiRegistration("new_Ping", typeof(SharedVariablePlugin)));
        org.RegisterStep(new PluginStepRegistration(typeof(SharedVariablePlugin), "new_Ping", string.Empty, 10) { UnsecureConfiguration = "api-validation" });
        org.RegisterStep(new PluginStepRegistration(typeof(SharedVariablePlugin), "new_Ping", string.Empty, 40) { UnsecureConfiguration = "api-post" });

        org.GetOrganizationService().Execute(new OrganizationRequest("new_Ping"));

        var post = Seen.For("shared").Last(c => c.SharedVariables.Contains("api-post"));
        Assert.Equal(10, post.SharedVariables["api-validation"]);
    }

    [Fact]
    public void A_plugin_with_only_an_unsecure_configuration_constructor_is_built_with_it()
    {
        var marker = Marker();
        org.RegisterStep(new PluginStepRegistration(typeof(UnsecureOnlyPlugin), "Create", "contact", 40) { UnsecureConfiguration = marker, SecureConfiguration = "ignored" });

        org.GetOrganizationService().Create(new Entity("contact"));

        Assert.Single(Seen.For(marker));
    }

    [Fact]
    public void One_plugin_instance_serves_every_execution_of_a_step()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(CountingPlugin), "Create", "new_counted", 40));
        var before = CountingPlugin.Instances;

        for (var i = 0; i < 3; i++)
        {
            org.GetOrganizationService().Create(new Entity("new_counted"));
        }

        Assert.Equal(1, CountingPlugin.Instances - before);
        Assert.Equal(3, org.Runs.Count);
    }

    [Fact]
    public void Update_steps_with_filtering_attributes_fire_only_when_those_columns_are_set()
    {
        var marker = Marker();
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Update", "contact", 40)
        {
            UnsecureConfiguration = marker,
            FilteringAttributes = ["emailaddress1"],
        });
        var service = org.GetOrganizationService();
        var id = service.Create(new Entity("contact"));

        service.Update(new Entity("contact", id) { ["fullname"] = "Ada" });
        service.Update(new Entity("contact", id) { ["emailaddress1"] = "ada@example.com" });

        var context = Assert.Single(Seen.For(marker));
        Assert.True(((Entity)context.InputParameters["Target"]).Contains("emailaddress1"));
    }

    [Fact]
    public void Pre_and_post_images_carry_the_named_columns_before_and_after_the_update()
    {
        var marker = Marker();
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Update", "contact", 40)
        {
            UnsecureConfiguration = marker,
            Images =
            {
                new ImageRegistration("pre", ImageKind.Pre, "fullname", "emailaddress1"),
                new ImageRegistration("post", ImageKind.Post),
            },
        });
        var service = org.GetOrganizationService();
        var id = service.Create(new Entity("contact") { ["fullname"] = "Ada", ["emailaddress1"] = "ada@old.example", ["jobtitle"] = "Countess" });

        service.Update(new Entity("contact", id) { ["emailaddress1"] = "ada@new.example" });

        var context = Assert.Single(Seen.For(marker));
        var pre = context.PreEntityImages["pre"];
        Assert.Equal(["emailaddress1", "fullname"], pre.Attributes.Keys.OrderBy(k => k).ToArray());
        Assert.Equal("ada@old.example", pre["emailaddress1"]);
        Assert.Equal(id, pre.Id);
        var post = context.PostEntityImages["post"];
        Assert.Equal("ada@new.example", post["emailaddress1"]);
        Assert.Equal("Countess", post["jobtitle"]);
    }

    [Fact]
    public void Image_registrations_are_checked_like_the_Plugin_Registration_Tool_checks_them()
    {
        Assert.Throws<ArgumentException>(() => org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Create", "contact", 40)
        {
            Images = { new ImageRegistration("pre", ImageKind.Pre) },
        }));
        Assert.Throws<ArgumentException>(() => org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Update", "contact", 20)
        {
            Images = { new ImageRegistration("post", ImageKind.Post) },
        }));
        Assert.Throws<ArgumentException>(() => org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Create", "contact", 20) { Asynchronous = true }));
    }

    [Fact]
    public void Asynchronous_steps_run_after_the_commit_and_their_failure_does_not_fail_the_caller()
    {
        var marker = Marker();
        org.RegisterStep(new PluginStepRegistration(typeof(ThrowingPlugin), "Create", "account", 40) { Asynchronous = true });
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Create", "account", 40) { Asynchronous = true, UnsecureConfiguration = marker });

        var id = org.GetOrganizationService().Create(new Entity("account"));

        Assert.NotNull(org.Find("account", id));
        Assert.IsType<InvalidPluginExecutionException>(org.Runs[0].Exception);
        var context = Assert.Single(Seen.For(marker));
        Assert.Equal(1, context.Mode);
        Assert.False(context.IsInTransaction);
        Assert.Equal(id, context.PrimaryEntityId);
    }

    [Fact]
    public void Asynchronous_steps_do_not_run_when_the_operation_rolls_back()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(CountingPlugin), "Create", "account", 40) { Asynchronous = true });
        org.RegisterStep(new PluginStepRegistration(typeof(ThrowingPlugin), "Create", "account", 40));

        Assert.Throws<InvalidPluginExecutionException>(() => org.GetOrganizationService().Create(new Entity("account")));

        Assert.DoesNotContain(org.Runs, r => r.PluginTypeName == typeof(CountingPlugin).FullName);
    }

    [Fact]
    public void A_plugin_run_counts_exactly_its_own_queries_and_writes()
    {
        org.Initialize(new Entity("contact") { ["fullname"] = "Ada", ["emailaddress1"] = "ada@example.com" });
        org.RegisterStep(new PluginStepRegistration(typeof(LookupPlugin), "Create", "account", 40));
        org.RegisterStep(new PluginStepRegistration(typeof(CountingPlugin), "Update", "account", 40));

        var id = org.GetOrganizationService().Create(new Entity("account") { ["description"] = "ADA@example.com " });

        var run = org.Runs.Single(r => r.PluginTypeName == typeof(LookupPlugin).FullName);
        var query = Assert.Single(run.Queries);
        Assert.Equal("QueryExpression", query.Kind);
        Assert.Equal("contact", query.EntityName);
        Assert.Equal(["fullname"], query.Columns);
        Assert.Equal(2, query.TopCount);
        Assert.Equal(1, query.RowsReturned);
        Assert.Equal(1, run.RowsRead);
        var write = Assert.Single(run.Writes);
        Assert.Equal(("Update", "account", id), (write.MessageName, write.EntityName, write.Id));
        Assert.Equal(["primarycontactid"], write.Attributes);
        Assert.Equal(["found 1 contacts"], run.Trace);
        Assert.Empty(org.Runs.Single(r => r.PluginTypeName == typeof(CountingPlugin).FullName).Writes);
    }

    [Fact]
    public void A_plugin_that_swallows_a_failed_service_call_fails_the_operation_as_in_Dataverse()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(SwallowingPlugin), "Create", "account", 40));

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().Create(new Entity("account")));

        Assert.Equal(OrganizationErrorCodes.IsvAbortedTransaction, fault.Detail.ErrorCode);
        Assert.Equal(OrganizationErrorCodes.ObjectDoesNotExist, fault.Detail.InnerFault.ErrorCode);
        Assert.Equal(0, org.Count("account"));
    }

    [Fact]
    public void Swallowed_failures_can_be_allowed_when_a_test_wants_it()
    {
        org.AbortTransactionOnFailedServiceCall = false;
        org.RegisterStep(new PluginStepRegistration(typeof(SwallowingPlugin), "Create", "account", 40));

        org.GetOrganizationService().Create(new Entity("account"));

        Assert.Equal(1, org.Count("account"));
    }

    [Fact]
    public void Tracing_formats_only_when_arguments_are_given()
    {
        org.ExecutePluginWithTarget<TracingPlugin>(new Entity("contact"));

        Assert.Equal(["{not a placeholder}", "1 + 2.5 = 3.5"], org.Runs[0].Trace);
    }

    [Fact]
    public void RunsSince_returns_only_the_runs_recorded_after_a_position()
    {
        org.ExecutePluginWithTarget<TracingPlugin>(new Entity("contact"));
        var mark = org.RunCount;

        org.ExecutePluginWithTarget<TracingPlugin>(new Entity("account"));

        Assert.Equal(2, org.RunCount);
        Assert.Equal("account", Assert.Single(org.RunsSince(mark)).PrimaryEntityName);
        Assert.Empty(org.RunsSince(org.RunCount));
    }

    [Fact]
    public void A_delete_step_gets_an_entity_reference_target_and_a_pre_image()
    {
        var marker = Marker();
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Delete", "contact", 20)
        {
            UnsecureConfiguration = marker,
            Images = { new ImageRegistration("before", ImageKind.Pre, "fullname") },
        });
        var service = org.GetOrganizationService();
        var id = service.Create(new Entity("contact") { ["fullname"] = "Ada" });

        service.Delete("contact", id);

        var context = Assert.Single(Seen.For(marker));
        Assert.Equal(new EntityReference("contact", id), context.InputParameters["Target"]);
        Assert.Equal("Ada", context.PreEntityImages["before"]["fullname"]);
    }

    [Fact]
    public void A_step_can_run_as_another_user_while_the_initiating_user_stays_the_caller()
    {
        var marker = Marker();
        var runAs = Guid.NewGuid();
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Create", "contact", 40) { UnsecureConfiguration = marker, RunAsUserId = runAs });

        org.GetOrganizationService().Create(new Entity("contact"));

        var context = Assert.Single(Seen.For(marker));
        Assert.Equal((runAs, org.CallerId), (context.UserId, context.InitiatingUserId));
    }

    [Fact]
    public void After_a_swallowed_failure_the_next_call_finds_no_active_transaction()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(CarryOnAfterFailurePlugin), "Create", "account", 40));

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().Create(new Entity("account")));

        var second = Assert.IsType<FaultException<OrganizationServiceFault>>(CarryOnAfterFailurePlugin.SecondCallError);
        Assert.Equal(OrganizationErrorCodes.NoActiveTransaction, second.Detail.ErrorCode);
        Assert.Equal(0, org.Count("task"));
    }

    [Fact]
    public void Writes_of_an_asynchronous_plugin_fire_their_own_steps()
    {
        var marker = Marker();
        org.RegisterStep(new PluginStepRegistration(typeof(CreateTaskThenMaybeThrowPlugin), "Create", "account", 40) { Asynchronous = true });
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Create", "task", 40) { UnsecureConfiguration = marker });

        org.GetOrganizationService().Create(new Entity("account"));

        Assert.Equal(1, org.Count("task"));
        var nested = Assert.Single(Seen.For(marker));
        Assert.Equal(2, nested.Depth);
        Assert.Equal(1, nested.ParentContext.ParentContext.Mode);
    }

    [Fact]
    public void A_pre_operation_update_step_can_add_columns_to_the_update()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(StampDescriptionPlugin), "Update", "account", 20));
        var service = org.GetOrganizationService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso" });

        service.Update(new Entity("account", id) { ["name"] = "Contoso Ltd" });

        var row = org.Find("account", id)!;
        Assert.Equal(("Contoso Ltd", "stamped"), (row["name"], row["description"]));
    }
}
