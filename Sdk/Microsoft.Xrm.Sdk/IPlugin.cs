using System;

namespace Microsoft.Xrm.Sdk;

/// <summary>A plug-in: Dataverse calls <see cref="Execute"/> with the services of one pipeline step.</summary>
public interface IPlugin
{
    void Execute(IServiceProvider serviceProvider);
}
