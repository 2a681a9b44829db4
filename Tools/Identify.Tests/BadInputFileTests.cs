using System;
using System.IO;
using System.Linq;
using System.Text;

namespace Identification.Identify.Tests;

/// <summary>
/// Issue 10: a bad input file never shows a stack trace. Whatever is wrong with it, identify names the file and
/// the line, exits with 1, and reads no more of it than its caps allow.
/// </summary>
public sealed class BadInputFileTests : IDisposable
{
    private const string Conversation = "{\"context\": {\"Email\": \"ana@example.com\"}}\n";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>1,500 rows of contact.json: about 100 kB, so that the row after them is past the first 64 kB buffer.</summary>
    private static string ManyRows => string.Concat(Enumerable.Range(0, 1_500).Select(i => $"{{\"fullname\": \"Person {i}\", \"emailaddress1\": \"person{i}@example.com\"}},\n"));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Join(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private CliRun Replay(string file, byte[] content)
    {
        if (file != "conversations.jsonl")
        {
            _directory.WriteBytes("conversations.jsonl", Utf8(Conversation));
        }

        _directory.WriteBytes(file, content);
        return CliRun.Of("replay", "--data", Path.Combine(_directory.Path, "data"), "--conversations", Path.Combine(_directory.Path, "conversations.jsonl"));
    }

    private static void AssertRefused(CliRun run, string message)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("identify: " + message + "\n", run.Error);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> InvalidText => new()
    {
        { "data/contact.json", Join(Utf8("[\n" + ManyRows + "{\"fullname\": \"Ana "), [0xFF], Utf8("\"}\n]")), "contact.json line 1502: not valid UTF-8 (byte 0xFF); save the file as UTF-8" },
        { "data/contact.json", Utf8("[\n" + ManyRows + "{\"fullname\": \"Ana \\ud800\"}\n]"), "contact.json line 1502: the escape \\ud800 is half of a surrogate pair without the other half; write the character itself" },
        { "data/contact.json", Utf8("[\n{\"fullname\": \"Ann\\uDC00\"}\n]"), "contact.json line 2: the escape \\uDC00 is half of a surrogate pair without the other half; write the character itself" },
        { "data/contact.csv", Join(Utf8("fullname\n" + string.Concat(Enumerable.Range(0, 8_000).Select(i => $"Person {i}\n")) + "Ana "), [0xC3, 0x28], Utf8("\n")), "contact.csv line 8002: not valid UTF-8 (byte 0xC3); save the file as UTF-8" },
        { "data/contact.csv", Join(Utf8("fullname\n"), [0xED, 0xA0, 0x80], Utf8("\n")), "contact.csv line 2: not valid UTF-8 (byte 0xED); save the file as UTF-8" },
        { "conversations.jsonl", Join(Utf8(Conversation + Conversation.Replace("ana@", "bo@", StringComparison.Ordinal) + "{\"context\": {\"Name\": \"Jos"), [0xE9], Utf8("\"}}\n")), "conversations.jsonl line 3: not valid UTF-8 (byte 0xE9); save the file as UTF-8" },
        { "conversations.jsonl", Utf8(Conversation + "{\"context\": {\"Name\": \"\\ud800\"}}\n"), "conversations.jsonl line 2: the escape \\ud800 is half of a surrogate pair without the other half; write the character itself" },
        { "data/contact.json", Join([0xFF, 0xFE], Encoding.Unicode.GetBytes("[]")), "contact.json line 1: the file is UTF-16 or UTF-32 (it starts with that byte order mark); save it as UTF-8" },
        { "conversations.jsonl", Join([0xFF, 0xFE], Encoding.Unicode.GetBytes(Conversation)), "conversations.jsonl line 1: the file is UTF-16 or UTF-32 (it starts with that byte order mark); save it as UTF-8" },
    };

    // Issue 10: "crashes with stack traces on invalid UTF-8 or a \ud800 escape in any table or conversations file;
    // names the wrong line for a bad row that is not in the first 64 kB buffer; invalid UTF-8 in a conversations
    // file silently becomes U+FFFD".
    [Theory]
    [MemberData(nameof(InvalidText))]
    public void Text_that_is_not_UTF_8_or_holds_half_a_surrogate_pair_is_refused_at_its_line(string file, byte[] content, string message)
    {
        AssertRefused(Replay(file, content), message);
    }

    public static TheoryData<string, byte[], string> Oversized => new()
    {
        { "data/contact.json", Utf8("[\n{\"fullname\": \"Ana\"},\n{\"description\": \"" + new string('x', 5_000_000) + "\"}\n]"), "contact.json line 3: a row is larger than 4 MiB, the limit for one row (is a value cut short, or not closed?)" },
        { "data/contact.json", Utf8("[\n{\"fullname\": \"Ana\"},\n{\"description\": \"never closed" + new string(' ', 5_000_000)), "contact.json line 3: a row is larger than 4 MiB, the limit for one row (is a value cut short, or not closed?)" },
        { "data/contact.csv", Utf8("fullname,description\nAna,\"" + new string('x', 5_000_000) + "\"\n"), "contact.csv line 2: the record is longer than 4,194,304 characters, the limit for one row" },
        { "conversations.jsonl", Utf8(Conversation + "{\"context\": {\"Name\": \"" + new string('x', 2_000_000) + "\"}}\n"), "conversations.jsonl line 2: the line is longer than 1,048,576 characters, the limit for one line" },
    };

    // Issue 10: "a 1 GiB file (OutOfMemory after 4.2 GB RSS), a 1.2 GB string (Array.Resize overflow)": the caps
    // refuse a row, record or line as soon as it outgrows them, whatever the size of the file.
    [Theory]
    [MemberData(nameof(Oversized))]
    public void A_row_or_line_over_its_cap_is_refused_at_its_line(string file, byte[] content, string message)
    {
        AssertRefused(Replay(file, content), message);
    }

    public static TheoryData<string, byte[], string> TooDeep => new()
    {
        { "data/contact.json", Utf8("[\n{\"fullname\": " + new string('[', 100_000) + "}\n]"), "contact.json line 2: not valid JSON: The maximum configured depth of 16 has been exceeded" },
        { "conversations.jsonl", Utf8("{\"context\": " + new string('[', 100_000) + "\n"), "conversations.jsonl line 1: not valid JSON: The maximum configured depth of 16 has been exceeded" },
    };

    [Theory]
    [MemberData(nameof(TooDeep))]
    public void Nesting_past_the_limit_is_refused_at_its_line(string file, byte[] content, string message)
    {
        var run = Replay(file, content);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("identify: " + message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    // Issue 10: "it refuses a UTF-8 BOM in <table>.json (Windows tools write one) while accepting it elsewhere".
    [Fact]
    public void A_UTF_8_byte_order_mark_is_read_in_every_format()
    {
        byte[] mark = [0xEF, 0xBB, 0xBF];
        _directory.WriteBytes("data/contact.json", Join(mark, Utf8("[{\"fullname\": \"Ana Silva\", \"emailaddress1\": \"ana@example.com\"}]")));
        _directory.WriteBytes("data/account.csv", Join(mark, Utf8("name,emailaddress1\nContoso,info@contoso.example\n")));

        var run = Replay("conversations.jsonl", Join(mark, Utf8(Conversation + "{\"context\": {\"Email\": \"info@contoso.example\"}}\n")));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["contact", "account"], run.Lines.Select(l => l.GetProperty("customer").GetProperty("logicalName").GetString()!).ToArray());
    }

    // Issue 10: "repeated properties in a conversation line silently win".
    [Theory]
    [InlineData("{\"channel\": \"sms\", \"phone\": \"+14255550100\", \"channel\": \"chat\"}", "a line has 'channel' twice; give it once")]
    [InlineData("{\"customer\": {\"logicalName\": \"contact\", \"id\": \"a0000000-0000-4000-8000-000000000001\", \"id\": \"a0000000-0000-4000-8000-000000000002\"}}", "customer has 'id' twice; give it once")]
    [InlineData("{\"expect\": {\"case\": null, \"case\": {\"id\": \"a0000000-0000-4000-8000-000000000002\"}}}", "expect has 'case' twice; give it once")]
    public void A_property_given_twice_in_a_conversation_line_is_refused(string line, string message)
    {
        AssertRefused(Replay("conversations.jsonl", Utf8(Conversation + line + "\n")), "conversations.jsonl line 2: " + message);
    }

    [Fact]
    public void A_lookup_property_given_twice_in_a_table_row_is_refused()
    {
        var row = "{\"fullname\": \"Ana\", \"parentcustomerid\": {\"logicalName\": \"account\", \"id\": \"b0000000-0000-4000-8000-000000000001\", \"logicalName\": \"contact\"}}";

        AssertRefused(Replay("data/contact.json", Utf8("[\n" + row + "\n]")), "contact.json line 2: lookup 'parentcustomerid' has 'logicalName' twice");
    }

    // Issue 10: "the duplicate-variable check is quadratic (20,000 variables: 3.3 s)".
    [Fact]
    public void A_line_with_twenty_thousand_variables_is_checked_for_repeats_in_one_pass()
    {
        var variables = string.Join(", ", Enumerable.Range(0, 20_000).Select(i => $"\"Var{i}\": \"{i}\""));

        var run = Replay("conversations.jsonl", Utf8("{\"context\": {" + variables + ", \"var19999\": \"again\"}}\n"));

        AssertRefused(run, "conversations.jsonl line 1: context has 'var19999' twice (variable names match case-insensitively)");
    }

    // Issue 10: "identify replay --config prints a stack trace for the same files".
    [Fact]
    public void A_configuration_the_plugin_cannot_read_is_refused_with_the_parser_s_message()
    {
        var config = _directory.Write("config.json", "{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch>\n<entity name='contact'/></fetch>\"}]}");
        _directory.Write("data/contact.json", "[]");
        _directory.Write("conversations.jsonl", Conversation);

        var run = CliRun.Of("replay", "--data", Path.Combine(_directory.Path, "data"), "--conversations", Path.Combine(_directory.Path, "conversations.jsonl"), "--config", config);

        AssertRefused(run, $"--config {config}: The configuration is not valid JSON at line 1, column 53: the string that starts at line 1, column 45 runs onto the next line; "
            + "a JSON string is one line. A FetchXML rule pasted over several lines must be joined into one line, or each line break written as \\n.");
    }
}
