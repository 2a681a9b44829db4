using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>
/// Faults as Dataverse's organization service raises them: <c>FaultException&lt;OrganizationServiceFault&gt;</c>, whose
/// <c>Detail.ErrorCode</c> is one of <see cref="OrganizationErrorCodes"/>; code written for Dataverse catches them here too.
/// </summary>
public static class OrganizationFaults
{
    /// <summary>A fault with this error code and message (for <see cref="LocalOrganization.FailWhen"/> in tests, too).</summary>
    public static FaultException<OrganizationServiceFault> Create(int errorCode, string message, Exception? cause = null)
    {
        var detail = new OrganizationServiceFault { ErrorCode = errorCode, Message = message, Timestamp = DateTime.UtcNow };
        if (cause is FaultException<OrganizationServiceFault> inner)
        {
            detail.InnerFault = inner.Detail;
        }

        return new FaultException<OrganizationServiceFault>(detail, new FaultReason(message));
    }

    /// <summary>Whether an exception is an organization service fault with this error code.</summary>
    public static bool HasErrorCode(this Exception exception, int errorCode) =>
        exception is FaultException<OrganizationServiceFault> fault && fault.Detail?.ErrorCode == errorCode;
}

/// <summary>Dataverse error codes that LocalOrg reports, with the values Dataverse uses.</summary>
public static class OrganizationErrorCodes
{
    /// <summary>0x80040217: "contact With Id = … Does Not Exist".</summary>
    public const int ObjectDoesNotExist = unchecked((int)0x80040217);

    /// <summary>0x80040237: "Cannot insert duplicate key."</summary>
    public const int DuplicateRecord = unchecked((int)0x80040237);

    /// <summary>0x80040203: an argument of the request is missing or invalid (also malformed FetchXML here).</summary>
    public const int InvalidArgument = unchecked((int)0x80040203);

    /// <summary>0x80041103: a query names an attribute the table does not have, or names it wrongly.</summary>
    public const int QueryBuilderNoAttribute = unchecked((int)0x80041103);

    /// <summary>0x80044182: the depth limit (8) stopped what looks like an infinite loop of plug-ins.</summary>
    public const int InfiniteLoopDetected = unchecked((int)0x80044182);

    /// <summary>-2147220911: a service call in a transaction that an earlier failed call already ended.</summary>
    public const int NoActiveTransaction = -2147220911;

    /// <summary>-2146893812: a plug-in caught a failed service call and carried on; the transaction is rolled back.</summary>
    public const int IsvAbortedTransaction = -2146893812;

    // Optimistic concurrency, with the codes of Microsoft's "Optimistic concurrency" page (power-apps/developer/
    // data-platform/optimistic-concurrency). The code sample on the "Update and delete" page swaps the last two in
    // its comments; the concept page's list is used here.

    /// <summary>-2147088254 (0x80060882): the row's version is not the RowVersion the update sent.</summary>
    public const int ConcurrencyVersionMismatch = -2147088254;

    /// <summary>-2147088253 (0x80060883): IfRowVersionMatches without a RowVersion.</summary>
    public const int ConcurrencyVersionNotProvided = -2147088253;

    /// <summary>-2147088243 (0x8006088D): IfRowVersionMatches on a table whose optimistic concurrency is turned off.</summary>
    public const int OptimisticConcurrencyNotEnabled = -2147088243;
}
