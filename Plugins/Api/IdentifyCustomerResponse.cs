using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Identification.Plugins.Identification;
using Identification.Plugins.Outcome;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Api;

/// <summary>
/// The response properties of idf_IdentifyCustomer, built so the API is no lookup oracle: the record itself
/// (<see cref="CustomerProperty"/>) only for a signed-in customer or a link this call made; the case number only when the
/// caller may know it (they gave it, or the customer is verified); no name of any record that is not the verified
/// customer, in any property.
/// </summary>
public static class IdentifyCustomerResponse
{
    public const string OutcomeProperty = "Outcome";
    public const string CustomerTypeProperty = "CustomerType";
    public const string CustomerProperty = "Customer";
    public const string CaseNumberProperty = "CaseNumber";
    public const string MissingInputsProperty = "MissingInputs";
    public const string MessageProperty = "Message";

    private const string Withheld = "(withheld)";

    /// <summary>Sets the response properties for a decision and its outcome line.</summary>
    /// <param name="linkedByThisCall">The call asked to link, and the conversation now holds the decided customer as the plug-in's link.</param>
    /// <param name="askedOnly">The call did not ask to link (Link false): the message says what a link would be, not that it was made.</param>
    public static void Write(ParameterCollection output, Decision decision, OutcomeText outcome, InputSet inputs, ConversationState state, bool linkedByThisCall,
        bool askedOnly = false)
    {
        var verified = decision.Customer != null && decision.CustomerBasis == CustomerBasis.SignedIn;
        output[OutcomeProperty] = outcome.Code;
        output[CustomerTypeProperty] = decision.Customer?.LogicalName ?? string.Empty;
        if (decision.Customer != null && (verified || linkedByThisCall))
        {
            output[CustomerProperty] = new EntityReference(decision.Customer.LogicalName, decision.Customer.Id);
        }

        var caseNumber = CaseNumberShown(decision, inputs, verified);
        if (caseNumber != null)
        {
            output[CaseNumberProperty] = caseNumber;
        }

        output[MissingInputsProperty] = decision.Status == OutcomeStatus.Linked
            ? string.Empty
            : string.Join(", ", IdentifyCustomerRequest.InputParameters.Where(k => !inputs.Has(k)));
        var message = Redacted(outcome.Line, decision, state, inputs, verified);
        output[MessageProperty] = askedOnly ? AsAskedOnly(message) : message;
    }

    /// <summary>"Linked: …" as "Would link: …", and a correction as one that would be made: an asked-only call writes nothing.</summary>
    public static string AsAskedOnly(string line)
    {
        var linked = Decision.Headline(OutcomeStatus.Linked) + ": ";
        var asked = line.StartsWith(linked, StringComparison.Ordinal) ? "Would link: " + line.Substring(linked.Length) : line;
        return asked.Replace(" Corrected: ", " Would correct: ");
    }

    /// <summary>The message for a call that could not identify (a configuration error): the reason, with no record in it.</summary>
    public static void WriteError(ParameterCollection output, string message)
    {
        output[OutcomeProperty] = OutcomeCode.Error;
        output[CustomerTypeProperty] = string.Empty;
        output[MissingInputsProperty] = string.Empty;
        output[MessageProperty] = message;
    }

    /// <summary>The decided case's number when the caller gave it, or when the customer is the signed-in one.</summary>
    private static string? CaseNumberShown(Decision decision, InputSet inputs, bool verified)
    {
        var number = decision.Case?.Name;
        if (number == null)
        {
            return null;
        }

        return verified || Typed(inputs, number) ? number : null;
    }

    /// <summary>
    /// The outcome line with every record name withheld except the verified customer's, and every case number the
    /// caller did not give. The line names records only through these (input values never appear in it).
    /// </summary>
    public static string Redacted(string line, Decision decision, ConversationState state, InputSet inputs, bool verified)
    {
        var named = new List<EntityReference?>
        {
            verified ? null : decision.Customer, decision.Untrusted, decision.NotOwnerOfKeptCase, decision.KeptCustomer, decision.KeptCase,
            decision.Case, decision.RefusedCase, state.Customer.Value, state.Case.Value,
        };
        named.AddRange(decision.CustomerRules.Concat(new[] { decision.CaseRule }).Where(r => r != null).SelectMany(r => r!.Rows.Select(r.Rule.Reference)));
        var tokens = new List<KeyValuePair<string, string>>();
        foreach (var reference in named.Where(r => r != null && !string.IsNullOrEmpty(r.Name)))
        {
            if (reference!.LogicalName == Schema.Incident.Table)
            {
                if (!(verified || Typed(inputs, reference.Name!)))
                {
                    tokens.Add(new KeyValuePair<string, string>("case " + reference.Name, "case " + Withheld));
                }
            }
            else if (!(verified && decision.Customer!.Id == reference.Id))
            {
                tokens.Add(new KeyValuePair<string, string>("\"" + reference.Name + "\"", Withheld));
            }
        }

        foreach (var token in tokens.OrderByDescending(t => t.Key.Length))
        {
            line = line.Replace(token.Key, token.Value);
        }

        return line;
    }

    private static bool Typed(InputSet inputs, string caseNumber) =>
        inputs.TryGet(InputKeys.CaseNumber, out var input) && input.Values.Any(v => DataverseText.Same(v, caseNumber));
}
