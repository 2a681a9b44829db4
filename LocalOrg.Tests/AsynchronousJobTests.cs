using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>Asynchronous jobs under a test's control: queued, run in any order, or interleaved call by call.</summary>
public sealed class AsynchronousJobTests
{
    private readonly LocalOrganization org = new() { AsynchronousSteps = AsynchronousMode.Queue };

    private IOrganizationService Service => org.GetOrganizationService();

    [Fact]
    public void Queued_jobs_wait_until_the_test_runs_them_in_the_order_it_chooses()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(ReadThenWritePlugin), "Create", "account", 40) { Asynchronous = true });
        var first = Service.Create(new Entity("account"));
        var second = Service.Create(new Entity("account"));

        Assert.Empty(org.Runs);
        Assert.Equal(new[] { first, second }, org.PendingJobs.Select(j => j.PrimaryEntityId).ToArray());

        org.RunJob(org.PendingJobs[1]);
        org.RunPendingJobs();

        Assert.Equal(new[] { second, first }, org.Runs.Select(r => r.PrimaryEntityId).ToArray());
        Assert.Empty(org.PendingJobs);
    }

    [Fact]
    public void A_job_is_queued_only_when_its_operation_commits()
    {
        org.RegisterStep(new PluginStepRegistration(typeof(ReadThenWritePlugin), "Create", "account", 40) { Asynchronous = true });
        org.RegisterStep(new PluginStepRegistration(typeof(ThrowingPlugin), "Create", "account", 20));

        Assert.ThrowsAny<Exception>(() => Service.Create(new Entity("account")));

        Assert.Empty(org.PendingJobs);
    }

    [Fact]
    public void Interleaved_jobs_stop_before_each_service_call_so_both_can_read_before_either_writes()
    {
        var id = Service.Create(new Entity("account"));
        org.RegisterStep(new PluginStepRegistration(typeof(ReadThenWritePlugin), "Update", "account", 40) { Asynchronous = true });
        Service.Update(new Entity("account", id) { ["name"] = "one" });
        Service.Update(new Entity("account", id) { ["name"] = "two" });

        // Start both (each stops before its read), let each read, then each write.
        var runs = org.RunInterleaved(org.PendingJobs, new[] { 0, 1, 0, 1 });

        Assert.Equal(new[] { "conflict", "wrote" }, runs.Select(r => r.Trace.Single()).OrderBy(t => t).ToArray());
    }

    [Fact]
    public void Between_steps_the_test_changes_the_organization_as_another_caller_would()
    {
        var id = Service.Create(new Entity("account"));
        org.RegisterStep(new PluginStepRegistration(typeof(ReadThenWritePlugin), "Update", "account", 40) { Asynchronous = true });
        Service.Update(new Entity("account", id) { ["name"] = "one" });
        using var interleaving = org.Interleave();

        interleaving.Start(org.PendingJobs.Single());
        interleaving.Step(0); // the job reads
        Service.Update(new Entity("account", id) { ["description"] = "an agent's edit" });
        interleaving.Step(0); // the job tries to write what it read
        interleaving.Dispose();

        Assert.Equal("conflict", interleaving.Finished.Single().Trace.Single());
    }

    [Fact]
    public void Before_runs_its_action_once_just_before_the_first_matching_request()
    {
        var id = Service.Create(new Entity("account") { ["name"] = "Contoso" });
        var calls = 0;
        org.Before(r => r is UpdateRequest, () => calls++);

        Service.Update(new Entity("account", id) { ["name"] = "A" });
        Service.Update(new Entity("account", id) { ["name"] = "B" });

        Assert.Equal(1, calls);
    }
}
