using System;
using System.Collections.Generic;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Api;

/// <summary>
/// The request parameters of idf_IdentifyCustomer, read and checked as the plug-in checks its evidence (length, control
/// characters, valid text): a value that cannot be used fails the call with a message naming the parameter, never a
/// quieter identification on part of what the bot sent.
/// </summary>
public sealed class IdentifyCustomerRequest
{
    public const string MessageName = "idf_IdentifyCustomer";
    public const string ConversationIdParameter = "ConversationId";
    public const string InputsParameter = "Inputs";
    public const string LinkParameter = "Link";

    /// <summary>The documented inputs, each a String parameter of the same name.</summary>
    public static readonly IReadOnlyList<string> InputParameters = new[] { InputKeys.Name, InputKeys.Email, InputKeys.Phone, InputKeys.CaseNumber };

    private IdentifyCustomerRequest(Guid conversationId, IReadOnlyList<KeyValuePair<string, string>> inputs, bool link)
    {
        ConversationId = conversationId;
        Inputs = inputs;
        Link = link;
    }

    public Guid ConversationId { get; }

    /// <summary>The inputs the bot gave, by input key (aliases applied), trimmed and not empty.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Inputs { get; }

    /// <summary>Link the identified customer and case on the conversation, as the conversation steps would.</summary>
    public bool Link { get; }

    /// <summary>Reads the parameters; throws <see cref="InvalidPluginExecutionException"/> naming the first parameter that cannot be used.</summary>
    public static IdentifyCustomerRequest Read(ParameterCollection parameters, IdentificationSettings settings)
    {
        var conversationId = ConversationIdOf(parameters);
        var inputs = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in InputParameters)
        {
            Add(inputs, seen, name, name, Text(parameters, name), settings);
        }

        if (Text(parameters, InputsParameter) is { } json && json.Trim().Length > 0)
        {
            JsonValue inputsObject;
            try
            {
                inputsObject = JsonValue.Parse(json);
            }
            catch (ConfigurationException ex)
            {
                throw Invalid(InputsParameter, "is not JSON: " + ex.Message);
            }

            if (inputsObject.Kind != JsonKind.Object)
            {
                throw Invalid(InputsParameter, "must be a JSON object of input keys and text values, e.g. {\"AccountNumber\": \"A-1001\"}");
            }

            foreach (var member in inputsObject.Members())
            {
                if (member.Value.Kind != JsonKind.String)
                {
                    throw Invalid(InputsParameter, "gives " + member.Key + " a " + member.Value.Kind.ToString().ToLowerInvariant() + "; input values are text");
                }

                Add(inputs, seen, InputsParameter + "." + member.Key, member.Key, member.Value.AsString(), settings);
            }
        }

        var link = parameters.TryGetValue(LinkParameter, out var value) && value is bool flag && flag;
        return new IdentifyCustomerRequest(conversationId, inputs, link);
    }

    private static void Add(List<KeyValuePair<string, string>> inputs, HashSet<string> seen, string parameter, string name, string? raw, IdentificationSettings settings)
    {
        if (raw == null)
        {
            return;
        }

        var refusal = InputSet.Check(raw, out var clean);
        if (refusal != null)
        {
            throw Invalid(parameter, "is refused: " + refusal);
        }

        var key = settings.CanonicalKey(name);
        if (!settings.IsInputKey(key))
        {
            throw Invalid(parameter, "is not an input any rule of the configuration reads");
        }

        if (!seen.Add(key))
        {
            throw Invalid(parameter, "gives " + key + " a second time");
        }

        if (clean.Length > 0)
        {
            inputs.Add(new KeyValuePair<string, string>(key, clean));
        }
    }

    private static Guid ConversationIdOf(ParameterCollection parameters)
    {
        parameters.TryGetValue(ConversationIdParameter, out var value);
        switch (value)
        {
            case Guid id when id != Guid.Empty:
                return id;
            case string text when Guid.TryParse(text.Trim(), out var parsed) && parsed != Guid.Empty:
                return parsed;
            case null:
                throw Invalid(ConversationIdParameter, "is required: the conversation's id (the bot's msdyn_ConversationId)");
            default:
                throw Invalid(ConversationIdParameter, "is not a conversation id (a GUID such as 3f9a1c2b-7d4e-5f60-8a9b-0c1d2e3f4a5b)");
        }
    }

    private static string? Text(ParameterCollection parameters, string name) =>
        parameters.TryGetValue(name, out var value) ? value as string : null;

    private static InvalidPluginExecutionException Invalid(string parameter, string problem) =>
        new InvalidPluginExecutionException(MessageName + ": the parameter " + parameter + " " + problem + ".");
}
