using System;
using System.IO;
using System.Linq;
using Identification.Identify.Cli;

namespace Identification.Identify.Tests;

/// <summary>
/// <c>identify replay</c> for people and for scripts: the table when stdout is a terminal, today's JSON lines when it
/// is redirected or with <c>--json</c>, JSON lines in <c>--out</c> either way.
/// </summary>
public sealed class ReadableOutputTests : IDisposable
{
    private static readonly TerminalOutput PlainTerminal = new(Width: 110, Colour: false);

    private readonly TempDirectory _directory = new();

    public ReadableOutputTests()
    {
        _directory.Write("data/contact.json", """
            [
              {"contactid": "a0000000-0000-4000-8000-000000000001", "fullname": "Ana Silva", "emailaddress1": "ana@example.com", "mobilephone": "+14255550101", "statecode": 0},
              {"contactid": "a0000000-0000-4000-8000-000000000002", "fullname": "Bo Berg", "emailaddress1": "shared@example.com", "statecode": 0},
              {"contactid": "a0000000-0000-4000-8000-000000000003", "fullname": "Cy Berg", "emailaddress1": "shared@example.com", "statecode": 0}
            ]
            """);
        _directory.Write("data/account.json", """
            [{"accountid": "b0000000-0000-4000-8000-000000000001", "name": "Contoso Ltd", "telephone1": "+14255550199", "statecode": 0}]
            """);
        _directory.Write("data/incident.json", """
            [{"incidentid": "c0000000-0000-4000-8000-000000000001", "ticketnumber": "CAS-01001-AAAAAA", "title": "Broken", "customerid": {"logicalName": "contact", "id": "a0000000-0000-4000-8000-000000000001"}, "statecode": 0}]
            """);
        _directory.Write("conversations.jsonl",
            "{\"id\": \"d0000000-0000-4000-8000-000000000001\", \"scenario\": \"one contact\", \"context\": {\"Name\": \"Ana Silva\", \"Email\": \"ana@example.com\"}}\n"
            + "{\"id\": \"d0000000-0000-4000-8000-000000000002\", \"scenario\": \"account by phone\", \"channel\": \"voice\", \"phone\": \"+1 (425) 555-0199\"}\n"
            + "{\"id\": \"d0000000-0000-4000-8000-000000000003\", \"scenario\": \"shared email\", \"context\": {\"Email\": \"shared@example.com\"}}\n"
            + "{\"id\": \"d0000000-0000-4000-8000-000000000004\", \"context\": {\"Email\": \"nobody@example.com\"}}\n"
            + "{\"id\": \"d0000000-0000-4000-8000-000000000005\", \"scenario\": \"expected wrongly\", \"context\": {\"Email\": \"nobody@example.com\"}, \"late\": {\"CaseNumber\": \"CAS-01001-AAAAAA\"}, \"expect\": {\"customer\": {\"logicalName\": \"contact\", \"id\": \"a0000000-0000-4000-8000-000000000001\"}, \"case\": null}}\n");
    }

    public void Dispose() => _directory.Dispose();

    private string[] Replay(params string[] more) =>
        ["replay", "--data", Path.Combine(_directory.Path, "data"), "--conversations", Path.Combine(_directory.Path, "conversations.jsonl"), .. more];

    [Fact]
    public void A_terminal_gets_a_table_grouped_by_outcome_with_the_surprising_rows_first()
    {
        var run = CliRun.On(PlainTerminal, Replay());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(TableGolden, TrimLineEnds(run.Output));
        Assert.Contains("Replayed 5 conversations", run.Error, StringComparison.Ordinal); // the summary stays on stderr
    }

    [Fact]
    public void Redirected_output_is_the_json_lines_of_before_byte_for_byte()
    {
        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "sample-results.jsonl"));

        var run = CliRun.Of();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(golden, run.Output);
    }

    [Fact]
    public void Json_on_a_terminal_prints_the_same_lines_as_redirected_output()
    {
        var redirected = CliRun.Of(Replay());

        var json = CliRun.On(PlainTerminal, Replay("--json"));

        Assert.Equal(0, json.ExitCode);
        Assert.Equal(redirected.Output, json.Output);
        Assert.StartsWith("{\"id\":\"d0000000-0000-4000-8000-000000000001\"", json.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_keeps_json_lines_in_the_file_and_a_terminal_still_gets_the_table()
    {
        var redirected = CliRun.Of(Replay());
        var file = Path.Combine(_directory.Path, "results.jsonl");

        var run = CliRun.On(PlainTerminal, Replay("--out", file));

        Assert.Equal(redirected.Output, File.ReadAllText(file));
        Assert.Equal(TableGolden, TrimLineEnds(run.Output));
    }

    [Fact]
    public void The_loading_phase_reports_its_rows_and_rate_and_a_redirected_stderr_gets_no_progress_bar()
    {
        var run = CliRun.Of(Replay());

        Assert.Matches(@"Loaded 1 account, 3 contact, 1 incident rows from .* in [0-9.]+ s \([0-9,]+ rows/s\)\.", run.Error);
        Assert.Matches(@"Replayed 5 conversations in [0-9.]+ s \([0-9.,]+ conversations/s\)\.", run.Error);
        Assert.DoesNotContain('\r', run.Error);
    }

    /// <summary>The plain table at 110 columns (line ends trimmed: Spectre pads cells with spaces).</summary>
    private const string TableGolden = """
        5 conversations: 2 identified (40.0 %), 1 several, 0 errors; 0 of 1 as expected.

        needs a look: not as expected, an error, or dependent on arrival order (1)
        +------------------------------------------------------------------------------------------------------------+
        | line | scenario /         | channel | inputs            | code | customer | case | trust | why             |
        |      | conversation       |         |                   |      |          |      |       |                 |
        |------+--------------------+---------+-------------------+------+----------+------+-------+-----------------|
        |    5 | expected wrongly   | chat    | Email, late       | none | -        | -    | -     | not as expected |
        |      |                    |         | CaseNumber        |      |          |      |       |                 |
        +------------------------------------------------------------------------------------------------------------+

        several (1)
        +---------------------------------------------------------------------------------------+
        | line | scenario / conversation | channel | inputs | code    | customer | case | trust |
        |------+-------------------------+---------+--------+---------+----------+------+-------|
        |    3 | shared email            | chat    | Email  | several | -        | -    | -     |
        +---------------------------------------------------------------------------------------+

        linked:identifier (2)
        +------------------------------------------------------------------------------------------------------------+
        | line | scenario /   | channel | inputs       | code              | customer     | case        | trust      |
        |      | conversation |         |              |                   |              |             |            |
        |------+--------------+---------+--------------+-------------------+--------------+-------------+------------|
        |    1 | one contact  | chat    | Name, Email  | linked:identifier | Ana Silva    | CAS-01001-A | identifier |
        |      |              |         |              |                   | (contact)    | AAAAA       |            |
        |    2 | account by   | voice   | late voice   | linked:identifier | Contoso Ltd  | -           | identifier |
        |      | phone        |         | number       |                   | (account)    |             |            |
        +------------------------------------------------------------------------------------------------------------+

        none (1)
        +-------------------------------------------------------------------------------------------------+
        | line | scenario / conversation              | channel | inputs | code | customer | case | trust |
        |------+--------------------------------------+---------+--------+------+----------+------+-------|
        |    4 | d0000000-0000-4000-8000-000000000004 | chat    | Email  | none | -        | -    | -     |
        +-------------------------------------------------------------------------------------------------+
        """;

    private static string TrimLineEnds(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.TrimEnd())).TrimEnd('\n');
}

/// <summary><c>--html FILE</c>: one self-contained file, everything escaped, personal data masked unless <c>--show-values</c>.</summary>
public sealed class HtmlReportTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public HtmlReportTests()
    {
        _directory.Write("data/contact.json", """
            [{"contactid": "a0000000-0000-4000-8000-000000000001", "fullname": "<script>alert(1)</script> Silva", "emailaddress1": "ana@example.com", "mobilephone": "+14255550101", "statecode": 0}]
            """);
        _directory.Write("conversations.jsonl",
            "{\"id\": \"d0000000-0000-4000-8000-000000000001\", \"scenario\": \"one <b>contact</b>\", \"context\": {\"Email\": \"ana@example.com\", \"Phone\": \"+14255550101\"}}\n"
            + "{\"id\": \"d0000000-0000-4000-8000-000000000002\", \"scenario\": \"nobody\", \"context\": {\"Email\": \"nobody@example.com\"}}\n");
    }

    public void Dispose() => _directory.Dispose();

    private string Report(params string[] more)
    {
        var html = Path.Combine(_directory.Path, "report.html");
        var run = CliRun.Of(["replay", "--data", Path.Combine(_directory.Path, "data"), "--conversations", Path.Combine(_directory.Path, "conversations.jsonl"), "--html", html, .. more]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Lines.Length); // redirected stdout still gets the JSON lines
        return File.ReadAllText(html);
    }

    [Fact]
    public void Escapes_every_value_from_the_data_files()
    {
        var html = Report("--show-values");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>contact", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Silva", html, StringComparison.Ordinal);
        Assert.Contains("one &lt;b&gt;contact&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Masks_names_emails_and_phones_unless_asked_to_show_them()
    {
        var masked = Report();
        var shown = Report("--show-values");

        foreach (var value in new[] { "ana@example.com", "nobody@example.com", "+14255550101", "alert(1)" })
        {
            Assert.DoesNotContain(value, masked, StringComparison.Ordinal);
        }

        Assert.Contains("Email: a***@example.com", masked, StringComparison.Ordinal);
        Assert.Contains("ana@example.com", shown, StringComparison.Ordinal);
        Assert.Contains("+14255550101", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_one_self_contained_file_with_charts_and_filters()
    {
        var html = Report();

        Assert.DoesNotMatch("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//", html);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("data-filter=\"outcome\"", html, StringComparison.Ordinal);
        Assert.Contains("data-filter=\"scenario\"", html, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"linked:identifier\"", html, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"none\"", html, StringComparison.Ordinal);
        Assert.Contains("function applyFilters", html, StringComparison.Ordinal);
    }
}
