using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Identification.Identify.Data;
using Identification.Plugins;

namespace Identification.Identify.Conversations;

/// <summary>
/// Reads and writes <c>--conversations</c> files: JSON lines, one conversation per line. Unknown and repeated
/// properties are refused (a typo such as "contxt" would otherwise replay a conversation with no evidence, and a
/// repeated one would silently win), and so are invalid UTF-8, unpaired surrogate escapes, lines over
/// <see cref="InputLimits.ConversationLineCharacters"/> characters and nesting over <see cref="InputLimits.JsonDepth"/>.
/// </summary>
internal static class ConversationFile
{
    /// <summary>The length of <c>msdyn_portalcontactid</c> (String 100): a longer portal id cannot reach Dataverse.</summary>
    public const int PortalContactIdLength = 100;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Streams the conversations of <paramref name="path"/>, in file order.</summary>
    public static IEnumerable<ConversationInput> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException($"--conversations {path}: no such file");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        foreach (var conversation in Read(stream, Path.GetFileName(path)))
        {
            yield return conversation;
        }
    }

    /// <summary>Streams conversations from UTF-8 bytes; <paramref name="fileName"/> is only used in error messages.</summary>
    public static IEnumerable<ConversationInput> Read(Stream stream, string fileName)
    {
        var text = new Utf8TextReader(stream, fileName);
        var seen = new Dictionary<Guid, long>();
        while (true)
        {
            var lineNumber = text.Line;
            var line = text.ReadLine(InputLimits.ConversationLineCharacters);
            if (line is null)
            {
                yield break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var conversation = Parse(line, fileName, lineNumber);
            if (seen.TryGetValue(conversation.Id, out var firstLine))
            {
                throw new InputFileException(fileName, lineNumber, $"id {conversation.Id} is already used on line {firstLine}");
            }

            seen.Add(conversation.Id, lineNumber);
            yield return conversation;
        }
    }

    /// <summary>Parses one line; errors name the file and line.</summary>
    public static ConversationInput Parse(string line, string fileName, long lineNumber)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var escape = Utf8Input.FirstUnpairedSurrogateEscape(bytes);
        if (escape >= 0)
        {
            throw new InputFileException(fileName, lineNumber, Utf8Input.UnpairedSurrogateEscape(bytes, escape));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = InputLimits.JsonDepth });
        }
        catch (JsonException ex)
        {
            throw new InputFileException(fileName, lineNumber, "not valid JSON: " + ex.Message.Split(" LineNumber:")[0].TrimEnd('.', ' '), ex);
        }

        using (document)
        {
            return new LineParser(fileName, lineNumber).Conversation(document.RootElement);
        }
    }

    /// <summary>A conversation id for a line that has none: the same file gives the same ids on every run.</summary>
    public static Guid IdForLine(long lineNumber)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("identify conversation line " + lineNumber));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5 style, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Writes one conversation as a JSON line (the format <see cref="Read(string)"/> accepts).</summary>
    public static void Write(TextWriter output, ConversationInput conversation)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("id", conversation.Id);
            json.WriteString("channel", conversation.Channel.ToString().ToLowerInvariant());
            if (conversation.Scenario is not null)
            {
                json.WriteString("scenario", conversation.Scenario);
            }

            if (conversation.Context.Count > 0)
            {
                WriteContext(json, "context", conversation.Context);
            }

            if (conversation.Phone is not null)
            {
                json.WriteString("phone", conversation.Phone);
            }

            if (conversation.Portal is { } portal)
            {
                json.WriteBoolean("authenticated", portal.Authenticated);
                json.WriteString("portalContactId", portal.PortalContactId);
            }

            if (conversation.Late.Count > 0)
            {
                WriteContext(json, "late", conversation.Late);
            }

            WriteLink(json, "customer", conversation.Customer, withLogicalName: true, writeNull: false);
            WriteLink(json, "case", conversation.Case, withLogicalName: false, writeNull: false);
            if (conversation.Expect is { } expect)
            {
                json.WriteStartObject("expect");
                WriteLink(json, "customer", expect.Customer, withLogicalName: true, writeNull: true);
                WriteLink(json, "case", expect.Case, withLogicalName: false, writeNull: true);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.Write('\n');
    }

    private static void WriteContext(Utf8JsonWriter json, string name, IReadOnlyList<ContextValue> values)
    {
        json.WriteStartObject(name);
        foreach (var value in values)
        {
            json.WriteString(value.Name, value.Value);
        }

        json.WriteEndObject();
    }

    private static void WriteLink(Utf8JsonWriter json, string name, RecordLink? link, bool withLogicalName, bool writeNull)
    {
        if (link is null)
        {
            if (writeNull)
            {
                json.WriteNull(name);
            }

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

    /// <summary>Validates one line's properties, with errors that say what to write instead.</summary>
    private sealed class LineParser(string fileName, long lineNumber)
    {
        public ConversationInput Conversation(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error("each line must be a JSON object {\"channel\": ..., \"context\": {...}}");
            }

            Guid? id = null;
            var channel = Channel.Chat;
            IReadOnlyList<ContextValue> context = [];
            IReadOnlyList<ContextValue> late = [];
            string? phone = null;
            bool? authenticated = null;
            string? portalContactId = null;
            string? scenario = null;
            RecordLink? customer = null;
            RecordLink? @case = null;
            Expectation? expect = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                Once(seen, property.Name, "a line");
                var value = property.Value;
                switch (property.Name)
                {
                    case "id":
                        id = value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var parsed) && parsed != Guid.Empty
                            ? parsed
                            : throw Error($"id must be a GUID string, found {value.GetRawText()}");
                        break;
                    case "channel":
                        channel = (value.ValueKind == JsonValueKind.String ? value.GetString() : null) switch
                        {
                            "chat" => Channel.Chat,
                            "sms" => Channel.Sms,
                            "voice" => Channel.Voice,
                            _ => throw Error($"channel must be \"chat\", \"sms\" or \"voice\", found {value.GetRawText()}"),
                        };
                        break;
                    case "context":
                        context = ContextValues(value, "context");
                        break;
                    case "late":
                        late = ContextValues(value, "late");
                        break;
                    case "phone":
                        phone = value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                            ? value.GetString()
                            : throw Error($"phone must be a non-empty string, found {value.GetRawText()}");
                        break;
                    case "authenticated":
                        authenticated = value.ValueKind switch
                        {
                            JsonValueKind.True => true,
                            JsonValueKind.False => false,
                            _ => throw Error($"authenticated must be true or false (msdyn_isauthenticated), found {value.GetRawText()}"),
                        };
                        break;
                    case "portalContactId":
                        portalContactId = PortalContactId(value);
                        break;
                    case "customer":
                        customer = Link(value, "customer", Schema.Contact.Table, Schema.Account.Table);
                        break;
                    case "case":
                        @case = Link(value, "case", Schema.Incident.Table);
                        break;
                    case "scenario":
                        scenario = value.ValueKind == JsonValueKind.String
                            ? value.GetString()
                            : throw Error("scenario must be a string (a label; replay ignores it)");
                        break;
                    case "expect":
                        expect = Expected(value);
                        break;
                    default:
                        throw Error($"unknown property '{property.Name}'; a line has id, channel, context, phone, authenticated, portalContactId, late, customer, case (and optional scenario, expect)");
                }
            }

            if (channel == Channel.Chat && phone is not null)
            {
                throw Error("phone is the caller's or texter's number for sms and voice; for chat put it in context.Phone");
            }

            if (channel != Channel.Chat && phone is null)
            {
                throw Error($"a {channel.ToString().ToLowerInvariant()} conversation needs \"phone\": the customer's number");
            }

            if (channel != Channel.Chat && (authenticated is not null || portalContactId is not null))
            {
                throw Error($"authenticated and portalContactId describe a chat's live-chat context, and this conversation's channel is {channel.ToString().ToLowerInvariant()}: remove them, or make the channel \"chat\"");
            }

            if (authenticated is not null && portalContactId is null)
            {
                throw Error("authenticated needs portalContactId, the id the portal signed the visitor in with (the JWT \"sub\" claim, e.g. the contact's GUID); for an anonymous chat leave both out");
            }

            var portal = portalContactId is null ? null : new PortalIdentity(portalContactId, authenticated ?? false);
            return new ConversationInput(lineNumber, id ?? IdForLine(lineNumber), channel, context, phone, late, customer, @case, scenario, expect, portal);
        }

        private string PortalContactId(JsonElement value)
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw Error($"portalContactId must be a non-empty string (msdyn_portalcontactid: the signed-in contact's GUID, or any text the portal sends), found {value.GetRawText()}");
            }

            return text.Length <= PortalContactIdLength
                ? text
                : throw Error($"portalContactId has {text.Length} characters; msdyn_portalcontactid holds at most {PortalContactIdLength}");
        }

        private List<ContextValue> ContextValues(JsonElement value, string name)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw Error($"{name} must be an object of variable names and values, e.g. {{\"Email\": \"a@b.com\"}}");
            }

            var values = new List<ContextValue>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in value.EnumerateObject())
            {
                if (!names.Add(item.Name))
                {
                    throw Error($"{name} has '{item.Name}' twice (variable names match case-insensitively)");
                }

                var text = item.Value.ValueKind switch
                {
                    JsonValueKind.String => item.Value.GetString()!,
                    // A case number typed as a number is still the text the visitor entered.
                    JsonValueKind.Number => item.Value.GetRawText(),
                    _ => throw Error($"{name}.{item.Name} must be a string, found {item.Value.GetRawText()}"),
                };
                values.Add(new ContextValue(item.Name, text));
            }

            return values;
        }

        private RecordLink? Link(JsonElement value, string name, params string[] allowedTables)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            var example = allowedTables.Length == 1
                ? "{\"id\": \"<guid>\"}"
                : "{\"logicalName\": \"contact\", \"id\": \"<guid>\"}";
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw Error($"{name} must be {example}");
            }

            string? logicalName = allowedTables.Length == 1 ? allowedTables[0] : null;
            Guid? id = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                Once(seen, property.Name, name);
                switch (property.Name)
                {
                    case "logicalName" when property.Value.ValueKind == JsonValueKind.String:
                        logicalName = property.Value.GetString();
                        break;
                    case "id" when property.Value.ValueKind == JsonValueKind.String && property.Value.TryGetGuid(out var parsed):
                        id = parsed;
                        break;
                    default:
                        throw Error($"{name} must be {example}; '{property.Name}' is not valid there");
                }
            }

            if (logicalName is null || Array.IndexOf(allowedTables, logicalName) < 0)
            {
                throw Error($"{name}.logicalName must be {string.Join(" or ", allowedTables)}");
            }

            return id is null || id == Guid.Empty
                ? throw Error($"{name} needs an id (a GUID)")
                : new RecordLink(logicalName, id.Value);
        }

        private Expectation Expected(JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw Error("expect must be {\"customer\": {...} or null, \"case\": {...} or null}");
            }

            RecordLink? customer = null;
            RecordLink? @case = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                Once(seen, property.Name, "expect");
                switch (property.Name)
                {
                    case "customer":
                        customer = Link(property.Value, "expect.customer", Schema.Contact.Table, Schema.Account.Table);
                        break;
                    case "case":
                        @case = Link(property.Value, "expect.case", Schema.Incident.Table);
                        break;
                    default:
                        throw Error($"expect has customer and case only; '{property.Name}' is not valid there");
                }
            }

            return new Expectation(customer, @case);
        }

        /// <summary>A property given twice is refused: JSON readers differ on which one wins.</summary>
        private void Once(HashSet<string> seen, string property, string where)
        {
            if (!seen.Add(property))
            {
                throw Error($"{where} has '{property}' twice; give it once");
            }
        }

        private InputFileException Error(string problem) => new(fileName, lineNumber, problem);
    }
}
