namespace Identification.Plugins;

/// <summary>Dataverse logical names used by the plug-in, in one place (SPEC §2).</summary>
public static class Schema
{
    /// <summary>The conversation (an activity; its key is activityid).</summary>
    public static class Conversation
    {
        public const string Table = "msdyn_ocliveworkitem";
        public const string Id = "activityid";
        public const string Customer = "msdyn_customer";
        public const string Case = "msdyn_issueid";
        public const string StateCode = "statecode";
        public const int StateOpen = 0;
    }

    /// <summary>A context variable value of a conversation (pre-chat answers, setContextProvider, bot variables).</summary>
    public static class ContextItem
    {
        public const string Table = "msdyn_ocliveworkitemcontextitem";
        public const string Id = "msdyn_ocliveworkitemcontextitemid";
        public const string Name = "msdyn_name";
        public const string Value = "msdyn_value";
        public const string Conversation = "msdyn_ocliveworkitemid";
        public const string IsDisplayable = "msdyn_isdisplayable";
        public const string CreatedOn = "createdon";
        public const string ModifiedOn = "modifiedon";

        /// <summary>The row version (Entity.RowVersion): read for the optimistic-concurrency check of the plug-in's code item.</summary>
        public const string VersionNumber = "versionnumber";

        /// <summary>The context variable the plug-in writes its outcome to; agents see it under Additional details.</summary>
        public const string OutcomeName = "Customer identification";

        /// <summary>
        /// The plug-in's non-displayable machine-readable outcome code, for reports, followed by its claims of the links it
        /// made (salted hashes, no personal data).
        /// </summary>
        public const string CodeName = "Customer identification code";

        /// <summary>The non-displayable count of idf_IdentifyCustomer calls about the conversation.</summary>
        public const string ApiCallsName = "Customer identification API calls";
    }

    /// <summary>The voice engagement context: the caller's number.</summary>
    public static class VoiceContext
    {
        public const string Table = "msdyn_ocphonecallengagementctx";
        public const string Id = "msdyn_ocphonecallengagementctxid";
        public const string FromPhone = "msdyn_fromphone";
        public const string Conversation = "msdyn_liveworkitemid";
        public const string CreatedOn = "createdon";
    }

    /// <summary>The SMS engagement context: the texter's number.</summary>
    public static class SmsContext
    {
        public const string Table = "msdyn_smsengagementctx";
        public const string Id = "msdyn_smsengagementctxid";
        public const string CustomerPhone = "msdyn_customerphonenumber";
        public const string CountryCode = "msdyn_countrycode";
        public const string Conversation = "msdyn_liveworkitemid";
        public const string CreatedOn = "createdon";
    }

    /// <summary>
    /// The live-chat engagement context: whether the visitor signed in, and who. For Power Pages and portals that follow
    /// Microsoft's chat-authentication guide, the portal contact id is the JWT "sub" claim: the id of the signed-in
    /// contact (or account).
    /// </summary>
    public static class LiveChatContext
    {
        public const string Table = "msdyn_livechatengagementctx";
        public const string Id = "msdyn_livechatengagementctxid";
        public const string PortalContactId = "msdyn_portalcontactid";
        public const string IsAuthenticated = "msdyn_isauthenticated";
        public const string Conversation = "msdyn_liveworkitemid";
        public const string CreatedOn = "createdon";
    }

    public static class Contact
    {
        public const string Table = "contact";
        public const string Id = "contactid";
        public const string FullName = "fullname";
        public const string Email = "emailaddress1";
        public const string MobilePhone = "mobilephone";
        public const string Telephone1 = "telephone1";
        public const string Telephone2 = "telephone2";
        public const string Telephone3 = "telephone3";
    }

    public static class Account
    {
        public const string Table = "account";
        public const string Id = "accountid";
        public const string Name = "name";
        public const string Email = "emailaddress1";
        public const string Telephone1 = "telephone1";
        public const string Telephone2 = "telephone2";
        public const string Telephone3 = "telephone3";
        public const string AccountNumber = "accountnumber";
    }

    public static class Incident
    {
        public const string Table = "incident";
        public const string Id = "incidentid";
        public const string TicketNumber = "ticketnumber";
        public const string Title = "title";
        public const string Customer = "customerid";
    }

    /// <summary>Every table with a statecode uses 0 for Active/Open; status reasons are never hard-coded.</summary>
    public const string StateCode = "statecode";
    public const int StateActive = 0;

    /// <summary>SDK message names.</summary>
    public static class Messages
    {
        public const string Create = "Create";
        public const string Update = "Update";
    }
}
