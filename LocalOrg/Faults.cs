using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>
/// The faults LocalOrg raises: FaultException&lt;OrganizationServiceFault&gt;, as the organization service throws them,
/// with Dataverse's error code and, where Dataverse has a wording, its message.
/// </summary>
internal static class Faults
{
    /// <summary>A fault whose Message and Detail.Message are <paramref name="message"/>, stamped now (UTC) as Dataverse stamps them.</summary>
    public static FaultException<OrganizationServiceFault> Fault(int errorCode, string message, OrganizationServiceFault? innerFault = null) =>
        new(
            new OrganizationServiceFault { ErrorCode = errorCode, Message = message, Timestamp = DateTime.UtcNow, InnerFault = innerFault },
            new FaultReason(message));

    public static FaultException<OrganizationServiceFault> DoesNotExist(string entityName, Guid id) =>
        Fault(OrganizationErrorCodes.ObjectDoesNotExist, $"{entityName} With Id = {id} Does Not Exist");

    public static FaultException<OrganizationServiceFault> KeyDoesNotExist(string entityName, string keyValues) =>
        Fault(OrganizationErrorCodes.ObjectDoesNotExist, $"A record with the specified key values does not exist in {entityName} entity ({keyValues}).");

    public static FaultException<OrganizationServiceFault> DuplicateKey(string keyValues, string keyName) =>
        Fault(
            OrganizationErrorCodes.DuplicateRecordEntityKey,
            $"A record that has the attribute values {keyValues} already exists. The entity key {keyName} requires that this set of attributes contains unique values. Select unique values and try again.");

    public static FaultException<OrganizationServiceFault> Duplicate(string entityName, Guid id) =>
        Fault(OrganizationErrorCodes.DuplicateRecord, $"Cannot insert duplicate key. A {entityName} row with Id = {id} already exists.");

    public static FaultException<OrganizationServiceFault> Invalid(string message) =>
        Fault(OrganizationErrorCodes.InvalidArgument, message);

    /// <summary>A request whose name is no message of the organization (the Web API's documented answer for an unknown action).</summary>
    public static FaultException<OrganizationServiceFault> UnknownMessage(string? name) =>
        Fault(OrganizationErrorCodes.ResourceNotFound, $"Resource not found for the segment '{name}'. No message (built-in or Custom API) is named '{name}'.");

    public static FaultException<OrganizationServiceFault> RequiredParameterMissing(string message, string parameter) =>
        Fault(OrganizationErrorCodes.InvalidArgument, $"Required parameter '{parameter}' of {message} is missing.");

    public static FaultException<OrganizationServiceFault> NoAttribute(string entityName, string attribute, string hint) =>
        Fault(OrganizationErrorCodes.QueryBuilderNoAttribute, $"'{entityName}' entity doesn't contain attribute with Name = '{attribute}'. {hint}");

    /// <summary>Dataverse's wording (the "Join tables" pages), then how many links the query had.</summary>
    public static FaultException<OrganizationServiceFault> TooManyLinkEntities(int count) =>
        Fault(
            OrganizationErrorCodes.TooManyLinkEntitiesInQuery,
            $"Number of link entities in query exceeded maximum limit. (The query has {count} link-entities; Dataverse allows {QueryEngine.MaxLinkEntities}.)");

    /// <summary>Dataverse's wording ("Filter rows using FetchXml", condition limits), then the count.</summary>
    public static FaultException<OrganizationServiceFault> TooManyConditions(int count) =>
        Fault(
            OrganizationErrorCodes.TooManyConditionsInQuery,
            $"Number of conditions in query exceeded maximum limit. (The query has {count} conditions and link-entities; Dataverse allows {QueryEngine.MaxConditions}.)");

    /// <summary>Dataverse's wording ("Aggregate data using FetchXml"), then the numbers.</summary>
    public static FaultException<OrganizationServiceFault> AggregateLimitExceeded(int rows, int limit) =>
        Fault(
            OrganizationErrorCodes.AggregateQueryRecordLimitExceeded,
            $"AggregateQueryRecordLimit exceeded. Cannot perform this operation. (The query aggregates {rows} rows; the limit is {limit}.)");

    public static FaultException<OrganizationServiceFault> InfiniteLoop(int depth) =>
        Fault(
            OrganizationErrorCodes.InfiniteLoopDetected,
            "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again. "
            + $"(A plug-in would have run at depth {depth}; the maximum depth is {LocalOrganization.MaxDepth}.)");

    public static FaultException<OrganizationServiceFault> NoActiveTransaction() =>
        Fault(
            OrganizationErrorCodes.NoActiveTransaction,
            "There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.");

    /// <summary>The swallowed failure is named in the message, and is the inner fault when it was a service fault.</summary>
    public static FaultException<OrganizationServiceFault> IsvAbortedTransaction(string pluginTypeName, Exception? swallowed) =>
        Fault(
            OrganizationErrorCodes.IsvAbortedTransaction,
            "ISV code reduced the open transaction count. Custom plug-ins should not catch exceptions from OrganizationService calls and continue processing. "
            + $"({pluginTypeName} caught a failed service call and returned normally; the whole operation is rolled back"
            + (swallowed is null ? ".)" : $". The failed call: {swallowed.Message})"),
            (swallowed as FaultException<OrganizationServiceFault>)?.Detail);

    // The three optimistic-concurrency faults, worded as the web service error codes reference words them
    // (learn.microsoft.com/power-apps/developer/data-platform/reference/web-service-error-codes).
    public static FaultException<OrganizationServiceFault> ConcurrencyVersionMismatch() =>
        Fault(OrganizationErrorCodes.ConcurrencyVersionMismatch, "The version of the existing record doesn't match the RowVersion property provided.");

    public static FaultException<OrganizationServiceFault> ConcurrencyVersionNotProvided() =>
        Fault(
            OrganizationErrorCodes.ConcurrencyVersionNotProvided,
            "The RowVersion property must be provided when the value of ConcurrencyBehavior is IfVersionMatches.");

    public static FaultException<OrganizationServiceFault> OptimisticConcurrencyNotEnabled(string entityName) =>
        Fault(
            OrganizationErrorCodes.OptimisticConcurrencyNotEnabled,
            $"Optimistic concurrency isn't enabled for entity type {entityName}. "
            + "The IfVersionMatches value of ConcurrencyBehavior can only be used if optimistic concurrency is enabled.");

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
