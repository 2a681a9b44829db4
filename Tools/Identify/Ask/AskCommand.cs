using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using Identification.Identify.Data;
using Identification.Identify.Replay;
using Identification.Plugins;
using Identification.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Ask;

/// <summary>What <c>identify ask</c> was given.</summary>
internal sealed record AskOptions(string DataDirectory, string? ConfigFile, string? Name, string? Email, string? Phone, string? CaseNumber, bool Link, bool Json);

/// <summary>
/// <c>identify ask</c>: an open conversation in an organization seeded from the exported data, then idf_IdentifyCustomer
/// called through Execute exactly as a flow calls it; prints the response properties.
/// </summary>
internal static class AskCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(AskOptions options, TextWriter output, TextWriter error)
    {
        var configuration = ReplayCommand.ReadConfiguration(options.ConfigFile);
        var session = new ReplaySession(configuration);
        session.RegisterIdentifyCustomerApi(configuration);
        foreach (var table in DataDirectory.FindTables(options.DataDirectory))
        {
            ReplayCommand.Seed(session, table, bar: null);
        }

        var service = session.Organization.GetOrganizationService();
        var conversation = service.Create(new Entity(Schema.Conversation.Table) { ["subject"] = "identify ask" });
        var request = new OrganizationRequest(IdentifyCustomerApi.UniqueName) { ["ConversationId"] = conversation.ToString("D") };
        foreach (var (key, value) in new[] { ("Name", options.Name), ("Email", options.Email), ("Phone", options.Phone), ("CaseNumber", options.CaseNumber) })
        {
            if (value != null)
            {
                request[key] = value;
            }
        }

        if (options.Link)
        {
            request["Link"] = true;
        }

        OrganizationResponse response;
        try
        {
            response = service.Execute(request);
        }
        catch (InvalidPluginExecutionException ex)
        {
            error.WriteLine("identify ask: " + ex.Message);
            return 1;
        }

        var properties = IdentifyCustomerApi.ResponseProperties
            .Where(p => response.Results.ContainsKey(p.UniqueName))
            .Select(p => new KeyValuePair<string, object?>(p.UniqueName, Shown(response.Results[p.UniqueName])))
            .ToList();
        if (options.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(properties.ToDictionary(p => p.Key, p => p.Value), JsonOptions));
        }
        else
        {
            foreach (var property in properties)
            {
                output.WriteLine(property.Key + ": " + (property.Value is Dictionary<string, string> reference
                    ? reference["logicalName"] + " " + reference["id"]
                    : property.Value));
            }
        }

        return 0;
    }

    private static object? Shown(object? value) => value is EntityReference reference
        ? new Dictionary<string, string> { ["logicalName"] = reference.LogicalName, ["id"] = reference.Id.ToString("D") }
        : value;
}
