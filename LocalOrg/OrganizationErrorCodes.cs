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

}
