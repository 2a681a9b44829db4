using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Identification.Identify.Conversations;
using Identification.Identify.Data;
using Xunit.Abstractions;

namespace Identification.Identify.Tests;

/// <summary>
/// Issue 10: careless and hostile edits of table and conversations files, at the byte level, with fixed seeds: the
/// readers return rows or throw InputFileException with the file and a line, never anything else.
/// </summary>
public class InputFileFuzzTests(ITestOutputHelper output)
{
    private const int EditsPerFile = 2_000;

    private const string ContactJson = """
        [
          {"@odata.etag": "W/\"1\"", "contactid": "a0000000-0000-4000-8000-000000000001", "fullname": "Ana Silva", "emailaddress1": "ana@example.com",
           "parentcustomerid": {"logicalName": "account", "id": "b0000000-0000-4000-8000-000000000001"}, "statecode": 0, "statuscode": 1},
          {"contactid": "a0000000-0000-4000-8000-000000000002", "fullname": "Bo \u00e9 Berg", "numberofchildren": 2, "creditlimit": 1500.25, "donotemail": true, "nickname": null},
          {"fullname": "José 😀", "bigcount": 9000000000}
        ]
        """;

    private const string IncidentCsv =
        "incidentid,ticketnumber,title,customerid,statecode\r\n"
        + "c0000000-0000-4000-8000-000000000001,CAS-1,\"Broken, \"\"badly\"\"\nsecond line\",contact:a0000000-0000-4000-8000-000000000001,0\r\n"
        + "c0000000-0000-4000-8000-000000000002,\"0042\",José,account:b0000000-0000-4000-8000-000000000001,1\r\n";

    private const string ConversationsJsonl =
        "{\"id\": \"d0000000-0000-4000-8000-000000000001\", \"channel\": \"chat\", \"context\": {\"Name\": \"Ana Silva\", \"Email\": \"ana@example.com\"}}\n"
        + "{\"channel\": \"sms\", \"phone\": \"+1 (425) 555-0100\", \"late\": {\"CaseNumber\": 1001}, \"customer\": {\"logicalName\": \"contact\", \"id\": \"a0000000-0000-4000-8000-000000000001\"}}\n"
        + "\n"
        + "{\"scenario\": \"x\", \"case\": {\"id\": \"c0000000-0000-4000-8000-000000000001\"}, \"expect\": {\"customer\": null, \"case\": {\"id\": \"c0000000-0000-4000-8000-000000000001\"}}}\n";

    private static readonly byte[][] Pieces =
    [
        .. new[] { "{", "}", "[", "]", ":", ",", "\"", "\\", " ", "\n", "\r\n", "\r", "\t", "0", "01", "-0", "1e400", "-1e400", "1.5", "99999999999999999999999",
            "true", "null", "\\u", "\\ud800", "\\uDC00", "\\ud83d\\ude00", "\\u0000", "é", "😀", "\"statecode\": ", "\"statecode\": \"x\", ", "\"contactid\": \"00000000-0000-0000-0000-000000000000\", ",
            "\"id\": 1, ", "\"context\": {}, ", "\"channel\": \"voice\", ", "{\"logicalName\": \"account\", \"id\": \"b0000000-0000-4000-8000-000000000001\"}", "account:", ",,", "\"\"", "@", "A" }
            .Select(Encoding.UTF8.GetBytes),
        [0], [0xFF], [0xFE], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE],
    ];

    public static TheoryData<string> Files => ["contact.json", "incident.csv", "conversations.jsonl"];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_edited_file_is_read_or_refused_with_its_file_and_line(string file)
    {
        var seed = Encoding.UTF8.GetBytes(file switch { "contact.json" => ContactJson, "incident.csv" => IncidentCsv, _ => ConversationsJsonl });
        var random = new Random(file.Length);
        var escaped = new List<string>();
        int read = 0, refused = 0;
        for (var edit = 0; edit < EditsPerFile; edit++)
        {
            var content = Mutate(seed, random);
            switch (Record.Exception(() => ReadAll(file, content)))
            {
                case null:
                    read++;
                    break;
                case InputFileException { File: not null, Line: >= 1 }:
                    refused++;
                    break;
                case var error:
                    escaped.Add($"edit {edit}: {error.GetType().Name}: {error.Message} in {Encoding.UTF8.GetString(content)}");
                    break;
            }
        }

        output.WriteLine($"{file}: {read} read, {refused} refused");
        Assert.Empty(escaped);
        Assert.True(read >= 20 && refused >= 1_000, $"{read} read, {refused} refused");
    }

    private static void ReadAll(string file, byte[] content)
    {
        using var stream = new MemoryStream(content);
        _ = file switch
        {
            "contact.json" => JsonTableReader.Read(stream, file, "contact", "contactid").Count(),
            "incident.csv" => CsvTableReader.Read(stream, file, "incident", "incidentid").Count(),
            _ => ConversationFile.Read(stream, file).Count(),
        };
    }

    /// <summary>One to four insertions, deletions, replacements or duplications.</summary>
    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var at = random.Next(bytes.Count + 1);
            var length = Math.Min(random.Next(1, 9), bytes.Count - at);
            switch (random.Next(4))
            {
                case 0:
                    bytes.InsertRange(at, Pieces[random.Next(Pieces.Length)]);
                    break;
                case 1:
                    bytes.RemoveRange(at, length);
                    break;
                case 2:
                    bytes.RemoveRange(at, length);
                    bytes.InsertRange(at, Pieces[random.Next(Pieces.Length)]);
                    break;
                default:
                    bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, Math.Min(random.Next(1, 33), bytes.Count - at)));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
