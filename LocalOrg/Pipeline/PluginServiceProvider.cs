using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>The IServiceProvider handed to IPlugin.Execute: the context, an organization service factory and tracing.</summary>
internal sealed class PluginServiceProvider(LocalOrganization organization, LocalPluginContext context, PluginRun run)
    : IServiceProvider, IOrganizationServiceFactory, ITracingService
{
    public object GetService(Type serviceType)
    {
        if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext))
        {
            return context;
        }

        if (serviceType == typeof(IOrganizationServiceFactory))
        {
            return this;
        }

        if (serviceType == typeof(ITracingService))
        {
            return this;
        }

        throw new NotSupportedException(
            $"LocalOrg's plug-in service provider has no {serviceType?.FullName}; it provides IPluginExecutionContext, IExecutionContext, IOrganizationServiceFactory and ITracingService.");
    }

    /// <summary>A service whose operations run at this execution's depth + 1 and are counted in its run.</summary>
    public IOrganizationService CreateOrganizationService(Guid? userId)
    {
        var user = userId ?? context.UserId;
        return new LocalOrganizationService(organization, new CallerScope
        {
            UserId = () => user,
            InitiatingUserId = context.InitiatingUserId,
            Depth = context.Depth + 1,
            Parent = context,
            Run = run,
            Chain = context.Chain,
            BeforeCall = context.BeforeServiceCall,
        });
    }

    public void Trace(string format, params object[] args)
    {
        run.AddTrace(args is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, format, args) : format ?? string.Empty);
    }
}
