using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>Plug-in registration and execution: the event pipeline and direct execution for unit tests.</summary>
public sealed partial class LocalOrganization
{
    private static readonly string[] Messages = ["Create", "Update", "Delete", "Associate", "Disassociate"];

    /// <summary>Registers a step; it fires on that message and table from now on. Checked as the Plugin Registration Tool checks it.</summary>
    public void RegisterStep(PluginStepRegistration step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var message = Messages.FirstOrDefault(m => string.Equals(m, step.MessageName, StringComparison.OrdinalIgnoreCase))
            ?? FindCustomApi(step.MessageName)?.UniqueName
            ?? throw new NotSupportedException(
                $"LocalOrg runs steps on Create, Update, Delete, Associate, Disassociate and registered Custom APIs, not on '{step.MessageName}' ({step}). Register the Custom API first.");
        if (!Messages.Contains(message) && !string.IsNullOrEmpty(step.EntityName))
        {
            throw new ArgumentException($"The Custom API {message} is unbound: its steps name no table ({step}).", nameof(step));
        }

        if (step.PluginType is null || !typeof(IPlugin).IsAssignableFrom(step.PluginType) || step.PluginType.IsAbstract)
        {
            throw new ArgumentException($"The step's PluginType must be a concrete class implementing IPlugin ({step}).", nameof(step));
        }

        _ = FindConstructor(step.PluginType);
        if (step.Stage is not (PipelineStage.PreValidation or PipelineStage.PreOperation or PipelineStage.PostOperation))
        {
            throw new ArgumentException($"Stage must be 10 (pre-validation), 20 (pre-operation) or 40 (post-operation), not {step.Stage} ({step}).", nameof(step));
        }

        if (step.Asynchronous && step.Stage != PipelineStage.PostOperation)
        {
            throw new ArgumentException($"Asynchronous steps run post-operation (stage 40) only ({step}).", nameof(step));
        }

        if (step.FilteringAttributes is { Count: > 0 } && message != "Update")
        {
            throw new ArgumentException($"Filtering attributes apply to Update steps only ({step}).", nameof(step));
        }

        if (!string.IsNullOrEmpty(step.EntityName))
        {
            Faults.CheckLogicalName(step.EntityName, "table");
        }

        if (message is "Associate" or "Disassociate" && step.Images is { Count: > 0 })
        {
            throw new ArgumentException($"{message} steps have no images ({step}).", nameof(step));
        }

        foreach (var image in step.Images ?? [])
        {
            if (image.Kind == ImageKind.Pre && message == "Create")
            {
                throw new ArgumentException($"A Create step has no pre-image: the row does not exist yet (image '{image.Name}', {step}).", nameof(step));
            }

            if (image.Kind == ImageKind.Post && (message == "Delete" || step.Stage != PipelineStage.PostOperation))
            {
                throw new ArgumentException($"Post-images exist only for post-operation Create and Update steps (image '{image.Name}', {step}).", nameof(step));
            }
        }

        if (step.Images?.GroupBy(i => i.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Two images are named '{duplicate.Key}' ({step}).", nameof(step));
        }

        lock (configurationGate)
        {
            steps = [.. steps, new StepEntry(Snapshot(step), message, stepOrder++)];
        }
    }

    /// <summary>
    /// Executes one plug-in directly with <paramref name="target"/> as InputParameters["Target"], as FakeXrmEasy's
    /// ExecutePluginWithTarget does: the plug-in is created through its (unsecure, secure) constructor and the target
    /// is NOT written. The plug-in's exception propagates (it is also on the returned run in <see cref="Runs"/>).
    /// </summary>
    public PluginRun ExecutePluginWithTarget<TPlugin>(
        Entity target,
        string messageName = "Create",
        int stage = PipelineStage.PostOperation,
        string? unsecureConfiguration = null,
        string? secureConfiguration = null)
        where TPlugin : IPlugin
    {
        ArgumentNullException.ThrowIfNull(target);
        var plugin = CreatePlugin(typeof(TPlugin), unsecureConfiguration, secureConfiguration);
        var context = GetDefaultPluginContext();
        context.MessageName = messageName;
        context.Stage = stage;
        context.IsInTransaction = stage != PipelineStage.PreValidation;
        context.PrimaryEntityName = target.LogicalName;
        context.PrimaryEntityId = target.Id;
        context.InputParameters["Target"] = target;
        if (messageName == "Create" && stage == PipelineStage.PostOperation && target.Id != Guid.Empty)
        {
            context.OutputParameters["id"] = target.Id;
        }

        return ExecutePluginWith(plugin, context);
    }

    /// <summary>Creates <typeparamref name="TPlugin"/> through its (unsecure, secure) constructor and executes it with <paramref name="context"/>.</summary>
    public PluginRun ExecutePluginWith<TPlugin>(LocalPluginContext context, string? unsecureConfiguration = null, string? secureConfiguration = null)
        where TPlugin : IPlugin =>
        ExecutePluginWith(CreatePlugin(typeof(TPlugin), unsecureConfiguration, secureConfiguration), context);

    /// <summary>
    /// Executes <paramref name="plugin"/> with <paramref name="context"/>. Its service calls run at Depth + 1 and fire
    /// registered steps; when the context is in a transaction, the plug-in's writes are rolled back if it throws.
    /// </summary>
    public PluginRun ExecutePluginWith(IPlugin plugin, LocalPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(context);
        var chain = new OperationChain(context.CorrelationId);
        context.Chain = chain;
        try
        {
            if (!context.IsInTransaction)
            {
                return Execute(plugin, context);
            }

            gate.EnterWriteLock();
            try
            {
                return InTransaction(chain, _ => Execute(plugin, context));
            }
            finally
            {
                gate.ExitWriteLock();
            }
        }
        finally
        {
            RunAfterCommit(chain);
        }
    }

    /// <summary>A context as the pipeline would build for a synchronous post-operation Create by <see cref="CallerId"/>; change what you need.</summary>
    public LocalPluginContext GetDefaultPluginContext() => new()
    {
        Mode = 0,
        Depth = 1,
        Stage = PipelineStage.PostOperation,
        MessageName = "Create",
        UserId = CallerId,
        InitiatingUserId = CallerId,
        BusinessUnitId = BusinessUnitId,
        OrganizationId = OrganizationId,
        OrganizationName = OrganizationName,
        CorrelationId = Guid.NewGuid(),
        OperationId = Guid.NewGuid(),
        RequestId = Guid.NewGuid(),
        OperationCreatedOn = UtcNow(),
        IsInTransaction = true,
    };

    private void RunSynchronousSteps(Operation operation, int stage)
    {
        foreach (var entry in operation.Steps)
        {
            if (entry.Step.Stage == stage && !entry.Step.Asynchronous && entry.Fires(operation))
            {
                CheckDepth(operation);
                var context = operation.ContextFor(entry, stage, mode: 0, inTransaction: operation.Chain.Transaction is not null);
                Execute(entry.Instance(), context);
            }
        }
    }

    private void QueueAsynchronousSteps(Operation operation, Transaction transaction)
    {
        foreach (var entry in operation.Steps)
        {
            if (entry.Step.Asynchronous && entry.Fires(operation))
            {
                CheckDepth(operation);
                var job = new AsyncJob(this, entry.Step, entry.Instance, operation.ContextFor(entry, PipelineStage.PostOperation, mode: 1, inTransaction: false));
                var chain = operation.Chain;
                transaction.QueueAfterCommit(() =>
                {
                    if (AsynchronousSteps == AsynchronousMode.Queue)
                    {
                        Enqueue(job);
                    }
                    else
                    {
                        job.Execute(chain, beforeServiceCall: null);
                    }
                });
            }
        }
    }

    private static void CheckDepth(Operation operation)
    {
        if (operation.Caller.Depth > MaxDepth)
        {
            throw Faults.InfiniteLoop(operation.Caller.Depth);
        }
    }

    /// <summary>Runs one plug-in execution and records it; a swallowed failure of a service call ends the transaction.</summary>
    private PluginRun Execute(IPlugin plugin, LocalPluginContext context)
    {
        var run = new PluginRun(plugin.GetType().FullName ?? plugin.GetType().Name, context);
        AddRun(run);
        var chain = context.Chain!;
        try
        {
            plugin.Execute(new PluginServiceProvider(this, context, run));
        }
        catch (Exception e)
        {
            run.Exception = e;
            throw;
        }

        if (context.IsInTransaction && chain.Transaction is { Doomed: true })
        {
            var fault = Faults.IsvAbortedTransaction(run.PluginTypeName, chain.Failure);
            run.Exception = fault;
            throw fault;
        }

        return run;
    }

    internal static void RunAfterCommit(OperationChain chain)
    {
        if (chain.Draining)
        {
            return;
        }

        chain.Draining = true;
        try
        {
            while (chain.AfterCommit.TryDequeue(out var work))
            {
                work();
            }
        }
        finally
        {
            chain.Draining = false;
        }
    }

    private StepEntry[] StepsFor(string message, string entityName) =>
        Volatile.Read(ref steps)
            .Where(s => s.Message == message && (s.Step.EntityName.Length == 0 || s.Step.EntityName == entityName))
            .OrderBy(s => s.Step.Rank)
            .ThenBy(s => s.Order)
            .ToArray();

    // The registration is settable; the step keeps a copy so later changes to the caller's object don't leak in.
    private static PluginStepRegistration Snapshot(PluginStepRegistration step) => new()
    {
        PluginType = step.PluginType,
        MessageName = step.MessageName,
        EntityName = step.EntityName ?? string.Empty,
        Stage = step.Stage,
        Asynchronous = step.Asynchronous,
        Rank = step.Rank,
        UnsecureConfiguration = step.UnsecureConfiguration,
        SecureConfiguration = step.SecureConfiguration,
        FilteringAttributes = [.. step.FilteringAttributes ?? []],
        Images = [.. step.Images ?? []],
        RunAsUserId = step.RunAsUserId,
        Id = step.Id,
    };

    private static IPlugin CreatePlugin(Type type, string? unsecure, string? secure)
    {
        var constructor = FindConstructor(type);
        object?[] arguments = constructor.GetParameters().Length switch
        {
            2 => [unsecure, secure],
            1 => [unsecure],
            _ => [],
        };
        return (IPlugin)constructor.Invoke(BindingFlags.DoNotWrapExceptions, null, arguments, null);
    }

    // Dataverse calls the (string unsecureConfiguration, string secureConfiguration) constructor when there is one,
    // else the (string unsecureConfiguration) one, else the parameterless one.
    private static ConstructorInfo FindConstructor(Type type) =>
        type.GetConstructor([typeof(string), typeof(string)])
        ?? type.GetConstructor([typeof(string)])
        ?? type.GetConstructor(Type.EmptyTypes)
        ?? throw new ArgumentException(
            $"{type.FullName} needs a public (string unsecureConfiguration, string secureConfiguration), (string unsecureConfiguration) or parameterless constructor, as Dataverse does.");

    /// <summary>Runs one plug-in execution of an asynchronous job, outside any transaction; its failure goes to the run, never to the caller.</summary>
    internal PluginRun ExecuteJob(IPlugin plugin, LocalPluginContext context)
    {
        var run = new PluginRun(plugin.GetType().FullName ?? plugin.GetType().Name, context);
        AddRun(run);
        try
        {
            plugin.Execute(new PluginServiceProvider(this, context, run));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An asynchronous step's failure goes to its system job (here: its run), never to the caller.
            run.Exception = e;
        }

        return run;
    }

    /// <summary>A registered step and its plug-in instance, created once and reused like Dataverse's cached instance.</summary>
    private sealed class StepEntry(PluginStepRegistration step, string message, int order)
    {
        private readonly Lazy<IPlugin> instance = new(() => CreatePlugin(step.PluginType, step.UnsecureConfiguration, step.SecureConfiguration));

        public PluginStepRegistration Step { get; } = step;

        public string Message { get; } = message;

        public int Order { get; } = order;

        public IPlugin Instance() => instance.Value;

        /// <summary>Update steps with filtering attributes fire only when the update sets one of them.</summary>
        public bool Fires(Operation operation) =>
            Step.FilteringAttributes is not { Count: > 0 }
            || operation.InputParameters["Target"] is not Entity target
            || Step.FilteringAttributes.Any(target.Attributes.ContainsKey);
    }

    /// <summary>The state of one Create/Update/Delete as it passes through the stages, shared by its steps.</summary>
    private sealed class Operation
    {
        private readonly LocalOrganization organization;
        private readonly Guid operationId = Guid.NewGuid();
        private readonly Guid requestId = Guid.NewGuid();
        private readonly DateTime createdOn;

        public Operation(LocalOrganization organization, OperationChain chain, CallerScope caller, string message, string entityName, Guid primaryEntityId)
        {
            this.organization = organization;
            Chain = chain;
            Caller = caller;
            Message = message;
            EntityName = entityName;
            PrimaryEntityId = primaryEntityId;
            Steps = organization.StepsFor(message, entityName);
            createdOn = organization.UtcNow();
        }

        public OperationChain Chain { get; }

        public CallerScope Caller { get; }

        public string Message { get; }

        public string EntityName { get; }

        public Guid PrimaryEntityId { get; set; }

        public StepEntry[] Steps { get; }

        public ParameterCollection InputParameters { get; } = new();

        public ParameterCollection OutputParameters { get; } = new();

        /// <summary>Shared by the steps of this operation from pre-operation on (and by every step of a Custom API).</summary>
        public ParameterCollection SharedVariables { get; } = new();

        /// <summary>
        /// Create, Update and Delete run their pre-validation steps in an outer pipeline of their own: those steps share
        /// these variables, and later stages see them only as ParentContext.SharedVariables, as Dataverse documents.
        /// </summary>
        public ParameterCollection PreValidationSharedVariables { get; } = new();

        private bool HasOuterPipeline => Message is "Create" or "Update" or "Delete";

        public Entity? Before { get; set; }

        public Entity? After { get; set; }

        public bool Needs(ImageKind kind) => Steps.Any(s => s.Step.Images?.Any(i => i.Kind == kind) == true);

        public LocalPluginContext ContextFor(StepEntry entry, int stage, int mode, bool inTransaction)
        {
            var user = Caller.UserId();
            var asynchronous = mode == 1;
            var outer = HasOuterPipeline && stage != PipelineStage.PreValidation;
            var shared = HasOuterPipeline && stage == PipelineStage.PreValidation ? PreValidationSharedVariables : SharedVariables;
            var context = new LocalPluginContext
            {
                Mode = mode,
                Depth = Caller.Depth,
                Stage = stage,
                MessageName = Message,
                PrimaryEntityName = EntityName,
                PrimaryEntityId = PrimaryEntityId,
                RequestId = requestId,
                UserId = entry.Step.RunAsUserId ?? user,
                InitiatingUserId = Caller.InitiatingUserId ?? user,
                BusinessUnitId = organization.BusinessUnitId,
                OrganizationId = organization.OrganizationId,
                OrganizationName = organization.OrganizationName,
                OwningExtension = new EntityReference("sdkmessageprocessingstep", entry.Step.Id),
                CorrelationId = Chain.CorrelationId,
                IsInTransaction = inTransaction,
                OperationId = operationId,
                OperationCreatedOn = createdOn,
                ParentContext = outer ? OuterContext(user, asynchronous) : Caller.Parent,
                Chain = Chain,

                // An asynchronous step gets a snapshot (Dataverse serializes its context into the system job).
                InputParameters = asynchronous ? Snapshot(InputParameters) : InputParameters,
                OutputParameters = stage >= PipelineStage.MainOperation ? (asynchronous ? Snapshot(OutputParameters) : OutputParameters) : new ParameterCollection(),
                SharedVariables = asynchronous ? Snapshot(shared) : shared,
            };
            foreach (var image in entry.Step.Images ?? [])
            {
                var source = image.Kind == ImageKind.Pre ? Before : (stage == PipelineStage.PostOperation ? After : null);
                if (source is not null)
                {
                    (image.Kind == ImageKind.Pre ? context.PreEntityImages : context.PostEntityImages)[image.Name] = Image(source, image.Attributes);
                }
            }

            return context;
        }

        /// <summary>
        /// The context of the outer pipeline that pre-validation runs in: what a pre-operation or post-operation step of
        /// Create, Update or Delete finds as its ParentContext, with the pre-validation steps' shared variables.
        /// </summary>
        private LocalPluginContext OuterContext(Guid user, bool asynchronous) => new()
        {
            Mode = 0,
            Depth = Caller.Depth,
            Stage = PipelineStage.PreValidation,
            MessageName = Message,
            PrimaryEntityName = EntityName,
            PrimaryEntityId = PrimaryEntityId,
            RequestId = requestId,
            UserId = user,
            InitiatingUserId = Caller.InitiatingUserId ?? user,
            BusinessUnitId = organization.BusinessUnitId,
            OrganizationId = organization.OrganizationId,
            OrganizationName = organization.OrganizationName,
            CorrelationId = Chain.CorrelationId,
            IsInTransaction = false,
            OperationId = operationId,
            OperationCreatedOn = createdOn,
            ParentContext = Caller.Parent,
            InputParameters = asynchronous ? Snapshot(InputParameters) : InputParameters,
            SharedVariables = asynchronous ? Snapshot(PreValidationSharedVariables) : PreValidationSharedVariables,
        };

        /// <summary>The image's columns (none named: all), with their formatted values, as Dataverse's images carry them.</summary>
        private static Entity Image(Entity source, IReadOnlyList<string> attributes)
        {
            var image = new Entity(source.LogicalName, source.Id);
            foreach (var attribute in attributes.Count == 0 ? (IEnumerable<string>)source.Attributes.Keys : attributes)
            {
                if (source.Attributes.TryGetValue(attribute, out var value))
                {
                    image[attribute] = Copies.Value(value);
                    if (source.FormattedValues.TryGetValue(attribute, out var text))
                    {
                        image.FormattedValues[attribute] = text;
                    }
                }
            }

            return image;
        }

        private static ParameterCollection Snapshot(ParameterCollection source)
        {
            var copy = new ParameterCollection();
            foreach (var pair in source)
            {
                copy[pair.Key] = Copies.Value(pair.Value);
            }

            return copy;
        }
    }
}
