namespace Identification.LocalOrg;

/// <summary>
/// Dataverse error codes that LocalOrg reports, with the values Dataverse uses: what a test compares with the
/// ErrorCode of the fault it caught, as code written for Dataverse does:
/// <c>Assert.Equal(OrganizationErrorCodes.ObjectDoesNotExist, fault.Detail.ErrorCode)</c>.
/// </summary>
public static class OrganizationErrorCodes
{
    /// <summary>0x80040217: "contact With Id = … Does Not Exist".</summary>
    public const int ObjectDoesNotExist = unchecked((int)0x80040217);

    /// <summary>0x80040237: "Cannot insert duplicate key."</summary>
    public const int DuplicateRecord = unchecked((int)0x80040237);

    /// <summary>
    /// 0x80060892 (-2147088238): a Create or Update would give two rows the same values of an alternate key
    /// (DuplicateRecordEntityKey).
    /// </summary>
    public const int DuplicateRecordEntityKey = unchecked((int)0x80060892);

    /// <summary>0x80040203: an argument of the request is missing or invalid (also malformed FetchXML here).</summary>
    public const int InvalidArgument = unchecked((int)0x80040203);

    /// <summary>
    /// 0x8006088A: "Resource not found for the segment '…'": a request names no message (entity set, function or action).
    /// Documented for the Web API (learn.microsoft.com/troubleshoot/power-platform/power-apps/dataverse/web-api-client-errors);
    /// LocalOrg gives it for an unknown Execute request name too.
    /// </summary>
    public const int ResourceNotFound = unchecked((int)0x8006088A);

    /// <summary>0x80041103: a query names an attribute the table does not have, or names it wrongly.</summary>
    public const int QueryBuilderNoAttribute = unchecked((int)0x80041103);

    /// <summary>0x8004E023 (-2147164125): an aggregate query over more than 50,000 rows (or its aggregatelimit).</summary>
    public const int AggregateQueryRecordLimitExceeded = unchecked((int)0x8004E023);

    /// <summary>0x8004430C (-2147204340): "Number of conditions in query exceeded maximum limit." (more than 500 conditions and link-entities).</summary>
    public const int TooManyConditionsInQuery = unchecked((int)0x8004430C);

    /// <summary>0x8004430D (-2147204339): "Number of link entities in query exceeded maximum limit." (more than 15 link-entities).</summary>
    public const int TooManyLinkEntitiesInQuery = unchecked((int)0x8004430D);

    /// <summary>0x80044182: the depth limit (8) stopped what looks like an infinite loop of plug-ins.</summary>
    public const int InfiniteLoopDetected = unchecked((int)0x80044182);

    /// <summary>-2147220911: a service call in a transaction that an earlier failed call already ended.</summary>
    public const int NoActiveTransaction = -2147220911;

    /// <summary>-2146893812: a plug-in caught a failed service call and carried on; the transaction is rolled back.</summary>
    public const int IsvAbortedTransaction = -2146893812;

    // The three optimistic-concurrency codes, as Microsoft's "Optimistic concurrency" page lists them
    // (learn.microsoft.com/power-apps/developer/data-platform/optimistic-concurrency) and the web service error codes
    // reference names them. The update sample on "Update and delete table rows" labels the last two the other way
    // round, and issue 9 gave 0x80060893 for OptimisticConcurrencyNotEnabled, which neither page has.

    /// <summary>0x80060882 (-2147088254): the row's version is not the RowVersion an IfRowVersionMatches update or delete sent.</summary>
    public const int ConcurrencyVersionMismatch = unchecked((int)0x80060882);

    /// <summary>0x80060883 (-2147088253): an IfRowVersionMatches update or delete sent no RowVersion.</summary>
    public const int ConcurrencyVersionNotProvided = unchecked((int)0x80060883);

    /// <summary>0x8006088D (-2147088243): an IfRowVersionMatches update of a table whose optimistic concurrency is off.</summary>
    public const int OptimisticConcurrencyNotEnabled = unchecked((int)0x8006088D);
}
