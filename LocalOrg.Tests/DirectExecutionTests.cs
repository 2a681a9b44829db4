using System;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Identification.LocalOrg.Tests;

public sealed class DirectExecutionTests
{
    private readonly LocalOrganization org = new();

    [Fact]
    public void ExecutePluginWithTarget_runs_the_plugin_without_writing_the_target()
    {
        var marker = Guid.NewGuid().ToString("N");
        var target = new Entity("contact", Guid.NewGuid()) { ["fullname"] = "Ada" };

        var run = org.ExecutePluginWithTarget<RecordingPlugin>(target, unsecureConfiguration: marker, secureConfiguration: "s");

        var context = Assert.Single(Seen.For(marker));
        Assert.Same(target, context.InputParameters["Target"]);
        Assert.Equal(target.Id, context.PrimaryEntityId);
        Assert.Equal("contact", context.PrimaryEntityName);
        Assert.Equal(40, context.Stage);
        Assert.Equal(["secure=s"], run.Trace);
        Assert.Equal(0, org.Count("contact"));
    }

    [Fact]
    public void ExecutePluginWithTarget_lets_a_pre_operation_plugin_change_the_target()
    {
        var target = new Entity("account");

        org.ExecutePluginWithTarget<StampDescriptionPlugin>(target, "Create", 20);

        Assert.Equal("stamped", target["description"]);
    }

    [Fact]
    public void ExecutePluginWith_uses_the_given_context_and_rethrows_the_plugins_exception()
    {
        var context = org.GetDefaultPluginContext();
        context.MessageName = "Update";
        context.Stage = 20;

        var error = Assert.Throws<InvalidPluginExecutionException>(() => org.ExecutePluginWith(new ThrowingPlugin(), context));

        Assert.Same(error, Assert.Single(org.Runs).Exception);
        Assert.Equal("Update", org.Runs[0].MessageName);
    }

    [Fact]
    public void Writes_of_a_directly_executed_plugin_are_rolled_back_when_it_throws()
    {
        var target = new Entity("account", Guid.NewGuid());

        Assert.Throws<InvalidPluginExecutionException>(() => org.ExecutePluginWithTarget<CreateTaskThenMaybeThrowPlugin>(target, unsecureConfiguration: "throw"));

        Assert.Equal(0, org.Count("task"));
    }

    [Fact]
    public void Writes_of_a_directly_executed_plugin_fire_registered_steps_one_level_deeper()
    {
        var marker = Guid.NewGuid().ToString("N");
        org.RegisterStep(new PluginStepRegistration(typeof(RecordingPlugin), "Create", "task", 40) { UnsecureConfiguration = marker });

        org.ExecutePluginWithTarget<CreateTaskThenMaybeThrowPlugin>(new Entity("account", Guid.NewGuid()));

        Assert.Equal(1, org.Count("task"));
        Assert.Equal(2, Assert.Single(Seen.For(marker)).Depth);
    }

    [Fact]
    public void ExecutePluginWith_a_type_builds_it_with_its_configuration()
    {
        var marker = Guid.NewGuid().ToString("N");
        var context = org.GetDefaultPluginContext();
        context.InputParameters["Target"] = new Entity("lead");

        var run = org.ExecutePluginWith<RecordingPlugin>(context, marker, "secret");

        Assert.Single(Seen.For(marker));
        Assert.Equal(["secure=secret"], run.Trace);
    }
}
