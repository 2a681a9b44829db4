using System;
using System.Collections.Generic;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.LocalOrg.Tests;

internal static class ServiceProviderExtensions
{
    public static T Get<T>(this IServiceProvider provider) => (T)(provider.GetService(typeof(T)) ?? throw new InvalidOperationException(typeof(T).Name));
}

/// <summary>Small plug-ins that exercise the pipeline. Each records what it saw in a static log keyed by a test's marker.</summary>
internal static class Seen
{
    private static readonly object Gate = new();
    private static readonly List<(string Marker, IPluginExecutionContext Context)> Contexts = [];

    public static void Add(string marker, IPluginExecutionContext context)
    {
        lock (Gate)
        {
            Contexts.Add((marker, context));
        }
    }

    public static List<IPluginExecutionContext> For(string marker)
    {
        lock (Gate)
        {
            return Contexts.FindAll(c => c.Marker == marker).ConvertAll(c => c.Context);
        }
    }
}

/// <summary>Records its context under its unsecure configuration.</summary>
public sealed class RecordingPlugin(string? unsecure, string? secure) : IPlugin
{
    public string? Unsecure { get; } = unsecure;

    public string? Secure { get; } = secure;

    public void Execute(IServiceProvider serviceProvider)
    {
        var context = serviceProvider.Get<IPluginExecutionContext>();
        var tracing = serviceProvider.Get<ITracingService>();
        tracing.Trace("secure={0}", Secure ?? "(none)");
        Seen.Add(Unsecure ?? string.Empty, context);
    }
}

/// <summary>Sets description on the target (pre-operation) so the write includes it.</summary>
public sealed class StampDescriptionPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = serviceProvider.Get<IPluginExecutionContext>();
        ((Entity)context.InputParameters["Target"])["description"] = "stamped";
    }
}

/// <summary>Creates a task for the created row, then throws when the unsecure configuration says "throw".</summary>
public sealed class CreateTaskThenMaybeThrowPlugin(string? unsecure, string? secure) : IPlugin
{
    private readonly bool shouldThrow = unsecure == "throw";

    public void Execute(IServiceProvider serviceProvider)
    {
        _ = secure;
        var context = serviceProvider.Get<IPluginExecutionContext>();
        var factory = serviceProvider.Get<IOrganizationServiceFactory>();
        var service = factory.CreateOrganizationService(context.UserId);
        service.Create(new Entity("task") { ["subject"] = "follow up " + context.PrimaryEntityId });
        if (shouldThrow)
        {
            throw new InvalidPluginExecutionException("Rejected by CreateTaskThenMaybeThrowPlugin");
        }
    }
}

/// <summary>Creates another row of the same table each time it runs: an infinite loop that the depth limit stops.</summary>
public sealed class RecursiveCreatePlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = serviceProvider.Get<IPluginExecutionContext>();
        Seen.Add("recursive", context);
        var factory = serviceProvider.Get<IOrganizationServiceFactory>();
        factory.CreateOrganizationService(null).Create(new Entity(context.PrimaryEntityName) { ["name"] = "depth " + context.Depth });
    }
}

/// <summary>Queries contacts by email (from the target's description) and writes what it found on the target row.</summary>
public sealed class LookupPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = serviceProvider.Get<IPluginExecutionContext>();
        var service = serviceProvider.Get<IOrganizationServiceFactory>().CreateOrganizationService(context.UserId);
        var tracing = serviceProvider.Get<ITracingService>();
        var target = (Entity)context.InputParameters["Target"];
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname"), TopCount = 2 };
        query.Criteria.AddCondition("emailaddress1", ConditionOperator.Equal, target.GetAttributeValue<string>("description"));
        var found = service.RetrieveMultiple(query).Entities;
        tracing.Trace("found {0} contacts", found.Count);
        if (found.Count == 1)
        {
            service.Update(new Entity(context.PrimaryEntityName, context.PrimaryEntityId) { ["primarycontactid"] = found[0].ToEntityReference() });
        }
    }
}

/// <summary>Catches the failure of a service call and carries on, which Dataverse does not allow inside a transaction.</summary>
public sealed class SwallowingPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = serviceProvider.Get<IPluginExecutionContext>();
        var service = serviceProvider.Get<IOrganizationServiceFactory>().CreateOrganizationService(null);
        try
        {
            service.Retrieve("contact", Guid.NewGuid(), new ColumnSet("fullname"));
        }
        catch (FaultException<OrganizationServiceFault>)
        {
            // Deliberately swallowed: the point of this plug-in.
        }

        _ = context;
    }
}

/// <summary>Always throws.</summary>
public sealed class ThrowingPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) => throw new InvalidPluginExecutionException("No.");
}

/// <summary>Writes a shared variable and records those it sees.</summary>
public sealed class SharedVariablePlugin(string? unsecure, string? secure) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        _ = secure;
        var context = serviceProvider.Get<IPluginExecutionContext>();
        context.SharedVariables[unsecure ?? "unnamed"] = context.Stage;
        Seen.Add("shared", context);
    }
}

/// <summary>Has only the one-string constructor: Dataverse passes it the unsecure configuration.</summary>
public sealed class UnsecureOnlyPlugin(string unsecure) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) => Seen.Add(unsecure, serviceProvider.Get<IPluginExecutionContext>());
}

/// <summary>Counts its instances, to show one instance serves every execution of a step.</summary>
public sealed class CountingPlugin : IPlugin
{
    private static int instances;

    public CountingPlugin() => System.Threading.Interlocked.Increment(ref instances);

    public static int Instances => instances;

    public void Execute(IServiceProvider serviceProvider)
    {
    }
}

/// <summary>Traces a line with braces and no arguments, then a formatted one.</summary>
public sealed class TracingPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var tracing = serviceProvider.Get<ITracingService>();
        tracing.Trace("{not a placeholder}");
        tracing.Trace("{0} + {1} = {2}", 1, 2.5, 3.5);
    }
}

/// <summary>After a failed call it swallowed, tries another call (which Dataverse refuses).</summary>
public sealed class CarryOnAfterFailurePlugin : IPlugin
{
    public static Exception? SecondCallError { get; set; }

    public void Execute(IServiceProvider serviceProvider)
    {
        var service = serviceProvider.Get<IOrganizationServiceFactory>().CreateOrganizationService(null);
        try
        {
            service.Retrieve("contact", Guid.NewGuid(), new ColumnSet(false));
        }
        catch (FaultException<OrganizationServiceFault>)
        {
            // Swallowed on purpose.
        }

        try
        {
            service.Create(new Entity("task"));
        }
        catch (FaultException<OrganizationServiceFault> e)
        {
            SecondCallError = e;
        }
    }
}

/// <summary>Asks the service provider for a service LocalOrg does not provide.</summary>
public sealed class AsksForUnknownServicePlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) => serviceProvider.GetService(typeof(IDisposable));
}

/// <summary>
/// Loses a race and recovers: reads the row it fires on, lets another writer change it, then updates with
/// IfRowVersionMatches and the version it read; on ConcurrencyVersionMismatch it reads again and retries once.
/// </summary>
public sealed class RetryOnVersionConflictPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = serviceProvider.Get<IPluginExecutionContext>();
        var service = serviceProvider.Get<IOrganizationServiceFactory>().CreateOrganizationService(null);
        var read = service.Retrieve(context.PrimaryEntityName, context.PrimaryEntityId, new ColumnSet("name"));
        service.Update(new Entity(context.PrimaryEntityName, context.PrimaryEntityId) { ["description"] = "written by someone else meanwhile" });
        try
        {
            UpdateIfUnchanged(service, read, "first try");
        }
        catch (FaultException<OrganizationServiceFault> conflict) when (conflict.Detail.ErrorCode == OrganizationErrorCodes.ConcurrencyVersionMismatch)
        {
            UpdateIfUnchanged(service, service.Retrieve(context.PrimaryEntityName, context.PrimaryEntityId, new ColumnSet("name")), "retried");
        }
    }

    private static void UpdateIfUnchanged(IOrganizationService service, Entity read, string name) =>
        service.Execute(new UpdateRequest
        {
            Target = new Entity(read.LogicalName, read.Id) { ["name"] = name, RowVersion = read.RowVersion },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        });
}

/// <summary>Reads the Target's row, then writes it back only if it is still the version read; traces which happened.</summary>
public sealed class ReadThenWritePlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = serviceProvider.Get<IPluginExecutionContext>();
        var service = serviceProvider.Get<IOrganizationServiceFactory>().CreateOrganizationService(context.UserId);
        var tracing = serviceProvider.Get<ITracingService>();
        var row = service.Retrieve(context.PrimaryEntityName, context.PrimaryEntityId, new ColumnSet("description"));
        var update = new Entity(row.LogicalName, row.Id) { ["description"] = "written by " + context.OperationId, RowVersion = row.RowVersion };
        try
        {
            service.Execute(new UpdateRequest { Target = update, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
            tracing.Trace("wrote");
        }
        catch (FaultException<OrganizationServiceFault> fault) when (fault.Detail.ErrorCode == OrganizationErrorCodes.ConcurrencyVersionMismatch)
        {
            tracing.Trace("conflict");
        }
    }
}
