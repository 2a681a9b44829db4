using System.Collections.Generic;
using Identification.Plugins.Api;

namespace Identification.Plugins.Registration;

/// <summary>A request parameter or response property of a Custom API: its unique name, its type (the type column's option value) and whether it may be left out.</summary>
public sealed class CustomApiField
{
    /// <summary>The type column's options used here (customapirequestparameter.type, customapiresponseproperty.type).</summary>
    public const int Boolean = 0;
    public const int EntityReference = 5;
    /// <summary>String.</summary>
    public const int Text = 10;

    public CustomApiField(string uniqueName, int type, bool isOptional, string description)
    {
        UniqueName = uniqueName;
        Type = type;
        IsOptional = isOptional;
        Description = description;
    }

    public string UniqueName { get; }
    public int Type { get; }
    public bool IsOptional { get; }
    public string Description { get; }
}

/// <summary>
/// The Custom API idf_IdentifyCustomer: the one source of its definition, read by the tests' organization and (to come)
/// the solution packager. Unbound (bindingtype 0), an action (isfunction false), public.
/// </summary>
public static class IdentifyCustomerApi
{
    public const string UniqueName = IdentifyCustomerRequest.MessageName;

    public static readonly string PluginTypeName = typeof(IdentifyCustomerPlugin).FullName!;

    public const string DisplayName = "Identify customer";

    public const string Description = "Identifies the customer and case of an open conversation with the conversation steps' rules, over its evidence and the inputs given; links them when Link is true.";

    public static readonly IReadOnlyList<CustomApiField> RequestParameters = new[]
    {
        new CustomApiField(IdentifyCustomerRequest.ConversationIdParameter, CustomApiField.Text, false, "The conversation's id (activityid; a bot's msdyn_ConversationId)."),
        new CustomApiField("Name", CustomApiField.Text, true, "The customer's full name, as typed."),
        new CustomApiField("Email", CustomApiField.Text, true, "The customer's email address."),
        new CustomApiField("Phone", CustomApiField.Text, true, "The customer's phone number, in any common written form."),
        new CustomApiField("CaseNumber", CustomApiField.Text, true, "The case number the customer asks about."),
        new CustomApiField(IdentifyCustomerRequest.InputsParameter, CustomApiField.Text, true, "A JSON object of further inputs for custom rules, e.g. {\"AccountNumber\": \"A-1001\"}."),
        new CustomApiField(IdentifyCustomerRequest.LinkParameter, CustomApiField.Boolean, true, "Link the customer and case on the conversation (default false: only ask)."),
    };

    public static readonly IReadOnlyList<CustomApiField> ResponseProperties = new[]
    {
        new CustomApiField(IdentifyCustomerResponse.OutcomeProperty, CustomApiField.Text, false, "The outcome code: linked:verified, linked:identifier, linked:name, linked:case, untrusted, several, none, skipped or error."),
        new CustomApiField(IdentifyCustomerResponse.CustomerTypeProperty, CustomApiField.Text, false, "contact, account, or empty."),
        new CustomApiField(IdentifyCustomerResponse.CustomerProperty, CustomApiField.EntityReference, false, "The customer: only when signed in (verified) or linked by this call."),
        new CustomApiField(IdentifyCustomerResponse.CaseNumberProperty, CustomApiField.Text, false, "The case's number: only when the caller gave it or the customer is verified."),
        new CustomApiField(IdentifyCustomerResponse.MissingInputsProperty, CustomApiField.Text, false, "The documented inputs not given, when nothing was identified: what to ask next."),
        new CustomApiField(IdentifyCustomerResponse.MessageProperty, CustomApiField.Text, false, "The outcome line, with the names of unverified records withheld."),
    };
}
