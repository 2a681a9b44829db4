using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>The faults LocalOrg raises, worded as Dataverse words them where Dataverse has a wording.</summary>
internal static class Faults
{
    public static FaultException<OrganizationServiceFault> DoesNotExist(string entityName, Guid id) =>
        OrganizationFaults.Create(OrganizationErrorCodes.ObjectDoesNotExist, $"{entityName} With Id = {id} Does Not Exist");

    public static FaultException<OrganizationServiceFault> Duplicate(string entityName, Guid id) =>
        OrganizationFaults.Create(OrganizationErrorCodes.DuplicateRecord, $"Cannot insert duplicate key. A {entityName} row with Id = {id} already exists.");

    public static FaultException<OrganizationServiceFault> Invalid(string message) =>
        OrganizationFaults.Create(OrganizationErrorCodes.InvalidArgument, message);

    public static FaultException<OrganizationServiceFault> NoAttribute(string entityName, string attribute, string hint) =>
        OrganizationFaults.Create(OrganizationErrorCodes.QueryBuilderNoAttribute, $"'{entityName}' entity doesn't contain attribute with Name = '{attribute}'. {hint}");

    public static FaultException<OrganizationServiceFault> InfiniteLoop(int depth) =>
        OrganizationFaults.Create(
            OrganizationErrorCodes.InfiniteLoopDetected,
            "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again. "
            + $"(A plug-in would have run at depth {depth}; the maximum depth is {LocalOrganization.MaxDepth}.)");

    public static FaultException<OrganizationServiceFault> NoActiveTransaction() =>
        OrganizationFaults.Create(
            OrganizationErrorCodes.NoActiveTransaction,
            "There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.");

    public static FaultException<OrganizationServiceFault> IsvAbortedTransaction(string pluginTypeName, Exception? swallowed) =>
        OrganizationFaults.Create(
            OrganizationErrorCodes.IsvAbortedTransaction,
            "ISV code reduced the open transaction count. Custom plug-ins should not catch exceptions from OrganizationService calls and continue processing. "
            + $"({pluginTypeName} caught a failed service call and returned normally; the whole operation is rolled back"
            + (swallowed is null ? ".)" : $". The failed call: {swallowed.Message})"),
            swallowed);

    public static FaultException<OrganizationServiceFault> VersionMismatch(string entityName, Guid id) =>
        OrganizationFaults.Create(OrganizationErrorCodes.ConcurrencyVersionMismatch,
            $"The version of the existing record doesn't match the RowVersion property provided. ({entityName} {id} changed since it was read.)");

    public static FaultException<OrganizationServiceFault> VersionNotProvided(string entityName) =>
        OrganizationFaults.Create(OrganizationErrorCodes.ConcurrencyVersionNotProvided,
            $"The RowVersion property must be provided when the value of ConcurrencyBehavior is IfVersionMatches. (Set RowVersion on the {entityName} you update; retrieve the row to get it.)");

    public static FaultException<OrganizationServiceFault> OptimisticConcurrencyNotEnabled(string entityName) =>
        OrganizationFaults.Create(OrganizationErrorCodes.OptimisticConcurrencyNotEnabled,
            $"Optimistic concurrency is not enabled for entity type {entityName}: IfRowVersionMatches cannot be used on it.");

    /// <summary>Logical names are lower case in Dataverse; a mixed-case name is a typo that Dataverse rejects.</summary>
    public static void CheckLogicalName(string? name, string what)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Invalid($"The {what} logical name is missing.");
        }

        if (!string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            throw Invalid($"'{name}' is not a valid {what} logical name: Dataverse logical names are lower case ('{name.ToLowerInvariant()}').");
        }
    }

    public static void CheckAttributeName(string entityName, string? attribute)
    {
        if (string.IsNullOrWhiteSpace(attribute))
        {
            throw NoAttribute(entityName, attribute ?? string.Empty, "An attribute name is missing.");
        }

        if (!string.Equals(attribute, attribute.ToLowerInvariant(), StringComparison.Ordinal))
        {
            throw NoAttribute(entityName, attribute, $"Dataverse logical names are lower case: use '{attribute.ToLowerInvariant()}'.");
        }
    }
}
