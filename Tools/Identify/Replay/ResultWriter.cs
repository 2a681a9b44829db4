using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Identification.Identify.Conversations;

namespace Identification.Identify.Replay;

/// <summary>
/// Writes replay results as JSON lines, one per conversation in input order:
/// <c>{"id", "customer": {"logicalName", "id"} | null, "case": {"id"} | null, "outcome", "code", "queries", "writes"}</c>,
/// plus <c>"orders"</c> and <c>"orderDependent"</c> with <c>--orders all</c>, and <c>"error"</c> on the lines whose replay failed.
/// </summary>
internal static class ResultWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one result line.</summary>
    public static void Write(TextWriter output, ReplayResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("id", result.Conversation.Id);
            WriteLink(json, "customer", result.Customer, withLogicalName: true);
            WriteLink(json, "case", result.Case, withLogicalName: false);
            json.WriteString("outcome", result.Outcome);
            json.WriteString("code", result.Code);
            json.WriteNumber("queries", result.Queries);
            json.WriteNumber("writes", result.Writes);
            if (result.Orders is { } orders)
            {
                json.WriteNumber("orders", orders.Orders);
                json.WriteStartArray("orderDependent");
                foreach (var differing in orders.Differing)
                {
                    json.WriteStringValue(differing);
                }

                json.WriteEndArray();
            }

            if (result.Error is not null)
            {
                json.WriteString("error", result.Error);
            }

            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.Write('\n');
    }

    private static void WriteLink(Utf8JsonWriter json, string name, RecordLink? link, bool withLogicalName)
    {
        if (link is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        if (withLogicalName)
        {
            json.WriteString("logicalName", link.LogicalName);
        }

        json.WriteString("id", link.Id);
        json.WriteEndObject();
    }
}
