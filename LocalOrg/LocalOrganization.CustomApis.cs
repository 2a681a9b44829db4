using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>Custom APIs: messages an organization defines, executed through the same pipeline as Create, Update and Delete.</summary>
public sealed partial class LocalOrganization
{
    private CustomApiEntry[] customApis = [];

    /// <summary>
    /// Registers a Custom API: from now on <c>Execute(new OrganizationRequest(uniqueName) { … })</c> checks its request
    /// parameters, runs the steps registered on the message and its plug-in at the main operation (stage 30), and
    /// returns the response properties the plug-in set in OutputParameters.
    /// </summary>
    public void RegisterCustomApi(CustomApiRegistration api)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrWhiteSpace(api.UniqueName);
        if (api.PluginType is { } type)
        {
            if (!typeof(IPlugin).IsAssignableFrom(type) || type.IsAbstract)
            {
                throw new ArgumentException($"The PluginType of {api} must be a concrete class implementing IPlugin.", nameof(api));
            }

            _ = FindConstructor(type);
        }

        foreach (var names in new[] { api.RequestParameters, api.ResponseProperties })
        {
            if (names.GroupBy(p => p.UniqueName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            {
                throw new ArgumentException($"{api} names '{duplicate.Key}' twice.", nameof(api));
            }
        }

        lock (configurationGate)
        {
            if (Messages.Contains(api.UniqueName, StringComparer.OrdinalIgnoreCase) || FindCustomApi(api.UniqueName) is not null)
            {
                throw new ArgumentException($"A message named {api.UniqueName} already exists.", nameof(api));
            }

            var copy = new CustomApiRegistration(api.UniqueName, api.PluginType)
            {
                IsFunction = api.IsFunction,
                RequestParameters = [.. api.RequestParameters],
                ResponseProperties = [.. api.ResponseProperties],
            };
            StepEntry? main = copy.PluginType is { } pluginType
                ? new StepEntry(new PluginStepRegistration(pluginType, copy.UniqueName, string.Empty, PipelineStage.MainOperation), copy.UniqueName, -1)
                : null;
            customApis = [.. customApis, new CustomApiEntry(copy, main)];
        }
    }

    // Dataverse resolves message names case-insensitively through the SDK (the Web API's URLs are case-sensitive).
    private CustomApiRegistration? FindCustomApi(string? name) => FindCustomApiEntry(name)?.Api;

    private CustomApiEntry? FindCustomApiEntry(string? name) =>
        name is null ? null : System.Threading.Volatile.Read(ref customApis).FirstOrDefault(a => string.Equals(a.Api.UniqueName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether a request name is LocalOrg's to answer as a Custom API: a registered one, or a name with a publisher prefix
    /// (prefix_Name) that no API has, which Dataverse refuses as an unknown message. Built-in messages have no prefix, and
    /// those LocalOrg does not model stay NotSupportedException: a missing feature, not a wrong name.
    /// </summary>
    internal bool IsCustomApiOrUnknown(string? name) => FindCustomApiEntry(name) is not null || (name is not null && name.IndexOf('_', StringComparison.Ordinal) > 0);

    /// <summary>Executes a Custom API request, or throws the fault Dataverse gives for a message it does not know.</summary>
    internal OrganizationResponse ExecuteCustomApi(OrganizationRequest request, CallerScope caller)
    {
        var entry = FindCustomApiEntry(request.RequestName);
        if (entry is null)
        {
            Guard(caller, request);
            throw Faults.UnknownMessage(request.RequestName);
        }

        var api = entry.Api;
        return Invoke(caller, request, chain =>
        {
            var inputs = CheckedInputs(api, request);
            var operation = new Operation(this, chain, caller, api.UniqueName, string.Empty, Guid.Empty);
            foreach (var pair in inputs)
            {
                operation.InputParameters[pair.Key] = pair.Value;
            }

            gate.EnterWriteLock();
            try
            {
                RunSynchronousSteps(operation, PipelineStage.PreValidation);
                InTransaction(chain, transaction =>
                {
                    RunSynchronousSteps(operation, PipelineStage.PreOperation);
                    if (entry.Main is { } main)
                    {
                        // The main operation has no step of its own: its plug-in gets no configuration, as in Dataverse.
                        CheckDepth(operation);
                        Execute(main.Instance(), operation.ContextFor(main, PipelineStage.MainOperation, mode: 0, inTransaction: true));
                    }

                    RunSynchronousSteps(operation, PipelineStage.PostOperation);
                    QueueAsynchronousSteps(operation, transaction);
                    return 0;
                });
            }
            finally
            {
                gate.ExitWriteLock();
            }

            var response = new OrganizationResponse { ResponseName = api.UniqueName };
            foreach (var property in api.ResponseProperties)
            {
                if (operation.OutputParameters.TryGetValue(property.UniqueName, out var value))
                {
                    response.Results[property.UniqueName] = Copies.Value(value);
                }
            }

            return response;
        });
    }

    /// <summary>The request's parameters, checked against the API's definition before any step runs, as Dataverse checks them.</summary>
    private static Dictionary<string, object?> CheckedInputs(CustomApiRegistration api, OrganizationRequest request)
    {
        var given = request.Parameters ?? new ParameterCollection();
        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in api.RequestParameters)
        {
            var name = given.Keys.FirstOrDefault(k => string.Equals(k, parameter.UniqueName, StringComparison.OrdinalIgnoreCase));
            var value = name is null ? null : given[name];
            if (value is null)
            {
                if (!parameter.IsOptional)
                {
                    throw Faults.RequiredParameterMissing(api.UniqueName, parameter.UniqueName);
                }

                continue;
            }

            if (!parameter.Accepts(value))
            {
                throw Faults.Invalid($"The parameter '{parameter.UniqueName}' of {api.UniqueName} is a {parameter.Type}; the request gave a {value.GetType().Name}.");
            }

            inputs[parameter.UniqueName] = Copies.Value(value);
        }

        if (given.Keys.FirstOrDefault(k => !api.RequestParameters.Any(p => string.Equals(p.UniqueName, k, StringComparison.OrdinalIgnoreCase))) is { } unknown)
        {
            throw Faults.Invalid($"{api.UniqueName} has no request parameter '{unknown}'.");
        }

        return inputs;
    }

    /// <summary>A registered Custom API and its main-operation plug-in, created once and reused like a step's.</summary>
    private sealed class CustomApiEntry(CustomApiRegistration api, StepEntry? main)
    {
        public CustomApiRegistration Api { get; } = api;

        public StepEntry? Main { get; } = main;
    }
}
