using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Identification.Identify.Tests;

/// <summary>End to end: files in, the real plug-in's registered steps on a LocalOrg, JSON lines out.</summary>
public sealed class ReplayTests : IDisposable
{
    private const string Ana = "a0000000-0000-4000-8000-000000000001";
    private const string Contoso = "b0000000-0000-4000-8000-000000000001";
    private const string AnasCase = "c0000000-0000-4000-8000-000000000001";
    private const string OldCase = "c0000000-0000-4000-8000-000000000002";

    private readonly TempDirectory _directory = new();

    public ReplayTests()
    {
        _directory.Write("data/contact.json", $$"""
            [
              {"contactid": "{{Ana}}", "fullname": "Ana Silva", "emailaddress1": "ana@example.com", "mobilephone": "+14255550101", "statecode": 0, "statuscode": 1},
              {"contactid": "a0000000-0000-4000-8000-000000000002", "fullname": "Bo Berg", "emailaddress1": "bo@example.com", "statecode": 1, "statuscode": 2}
            ]
            """);
        _directory.Write("data/account.csv",
            "accountid,name,emailaddress1,telephone1,statecode\n"
            + $"{Contoso},Contoso Ltd,info@contoso.example,+14255550199,0\n");
        _directory.Write("data/incident.json", $$"""
            [
              {"incidentid": "{{AnasCase}}", "ticketnumber": "CAS-01001-AAAAAA", "title": "Broken", "customerid": {"logicalName": "contact", "id": "{{Ana}}"}, "statecode": 0, "statuscode": 1},
              {"incidentid": "{{OldCase}}", "ticketnumber": "CAS-01002-BBBBBB", "title": "Old", "customerid": {"logicalName": "contact", "id": "{{Ana}}"}, "statecode": 1, "statuscode": 5}
            ]
            """);
    }

    private string Data => Path.Combine(_directory.Path, "data");

    public void Dispose() => _directory.Dispose();

    private CliRun Replay(string conversations, params string[] more) =>
        CliRun.Of(["replay", "--data", Data, "--conversations", _directory.Write("conversations.jsonl", conversations), .. more]);

    [Fact]
    public void Writes_one_line_per_conversation_in_input_order_with_links_outcome_and_cost()
    {
        var run = Replay(
            "{\"id\": \"d0000000-0000-4000-8000-000000000001\", \"channel\": \"chat\", \"context\": {\"Name\": \"Ana Silva\", \"Email\": \"ana@example.com\"}}\n"
            + "{\"id\": \"d0000000-0000-4000-8000-000000000002\", \"channel\": \"voice\", \"phone\": \"+1 (425) 555-0199\"}\n"
            + "{\"id\": \"d0000000-0000-4000-8000-000000000003\", \"channel\": \"chat\", \"context\": {\"Email\": \"nobody@example.com\"}}\n"
            + "{\"id\": \"d0000000-0000-4000-8000-000000000004\", \"channel\": \"chat\", \"context\": {\"Email\": \"bo@example.com\"}}\n");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Lines;
        Assert.Equal(4, lines.Length);
        Assert.Equal(["id", "customer", "case", "outcome", "code", "queries", "writes"], lines[0].EnumerateObject().Select(p => p.Name).ToArray());

        Assert.Equal("d0000000-0000-4000-8000-000000000001", lines[0].GetProperty("id").GetString());
        Assert.Equal("contact", lines[0].GetProperty("customer").GetProperty("logicalName").GetString());
        Assert.Equal(Ana, lines[0].GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal(AnasCase, lines[0].GetProperty("case").GetProperty("id").GetString()); // her only active case
        Assert.StartsWith("Linked", lines[0].GetProperty("outcome").GetString(), StringComparison.Ordinal);
        Assert.True(lines[0].GetProperty("queries").GetInt32() > 0);
        Assert.True(lines[0].GetProperty("writes").GetInt32() > 0);

        Assert.Equal(Contoso, lines[1].GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal("account", lines[1].GetProperty("customer").GetProperty("logicalName").GetString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("case").ValueKind);

        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("customer").ValueKind);
        Assert.StartsWith("No record found", lines[2].GetProperty("outcome").GetString(), StringComparison.Ordinal);

        Assert.Equal(JsonValueKind.Null, lines[3].GetProperty("customer").ValueKind); // Bo is inactive
        Assert.Contains("Replayed 4 conversations", run.Error, StringComparison.Ordinal);
        Assert.Contains("linked        2", run.Error, StringComparison.Ordinal);
        Assert.Contains("none          2", run.Error, StringComparison.Ordinal);
        Assert.Equal(["linked:identifier", "linked:identifier", "none", "none"], lines.Select(l => l.GetProperty("code").GetString()!).ToArray());
        Assert.Contains("  linked:identifier       2   50.0 %", run.Error, StringComparison.Ordinal);
        Assert.Contains("  none                    2   50.0 %", run.Error, StringComparison.Ordinal);
        Assert.Contains("Identification rate: 50.0 % (2 of 4 end linked; verified 0.0 %, identifier 50.0 %, name 0.0 %, case 0.0 %).", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Orders_all_replays_the_late_evidence_in_every_order_and_reports_none_that_changes_the_result()
    {
        // The name of one record and the email of another: nobody, whichever arrives first.
        var run = Replay(
            "{\"id\": \"d0000000-0000-4000-8000-000000000011\", \"channel\": \"voice\", \"phone\": \"+14255550101\", \"late\": {\"Name\": \"Ana Silva\", \"Email\": \"info@contoso.example\"}}\n"
            + "{\"id\": \"d0000000-0000-4000-8000-000000000012\", \"channel\": \"chat\", \"late\": {\"Email\": \"ana@example.com\"}}\n",
            "--orders", "all");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(6, run.Lines[0].GetProperty("orders").GetInt32());
        Assert.Equal(0, run.Lines[0].GetProperty("orderDependent").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, run.Lines[0].GetProperty("customer").ValueKind);
        Assert.False(run.Lines[1].TryGetProperty("orders", out _)); // one late piece: one order
        Assert.Contains("Late evidence in every order: 1 conversations, 6 orders; 0 end differently depending on the order", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_the_case_from_a_late_case_number_only_when_nothing_typed_contradicts_its_customer_and_keeps_an_existing_customer()
    {
        var run = Replay(
            $"{{\"channel\": \"chat\", \"context\": {{\"Name\": \"Ana Silva\"}}, \"late\": {{\"CaseNumber\": \"CAS-01001-AAAAAA\"}}}}\n"
            + $"{{\"channel\": \"chat\", \"context\": {{\"Email\": \"nobody@example.com\"}}, \"late\": {{\"CaseNumber\": \"CAS-01001-AAAAAA\"}}}}\n"
            + $"{{\"channel\": \"chat\", \"context\": {{\"Email\": \"ana@example.com\"}}, \"customer\": {{\"logicalName\": \"account\", \"id\": \"{Contoso}\"}}}}\n");

        var lines = run.Lines;
        Assert.Equal(Ana, lines[0].GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal(AnasCase, lines[0].GetProperty("case").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("customer").ValueKind);
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("case").ValueKind);
        Assert.Contains("its customer does not match the typed Email", lines[1].GetProperty("outcome").GetString(), StringComparison.Ordinal);
        Assert.Equal(Contoso, lines[2].GetProperty("customer").GetProperty("id").GetString());
    }

    [Fact]
    public void Writes_the_results_to_the_out_file_and_only_the_summary_to_stderr()
    {
        var results = Path.Combine(_directory.Path, "results.jsonl");

        var run = Replay("{\"context\": {\"Email\": \"ana@example.com\"}}\n", "--out", results);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Single(File.ReadAllLines(results));
        Assert.DoesNotContain('\r', run.Error);
        Assert.DoesNotContain('\u001b', run.Error);
    }

    [Fact]
    public void Refuses_a_configuration_the_plugin_would_reject_before_replaying()
    {
        var config = _directory.Write("config.json", "{\"defaultCountryCod\": \"1\"}");

        var run = Replay("{\"context\": {\"Email\": \"ana@example.com\"}}\n", "--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains($"--config {config}: Unknown option \"defaultCountryCod\"", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_configuration_file_too_long_for_the_plugin_before_reading_it()
    {
        var config = _directory.Write("config.json", "{\"aliases\": {\"Email\": [\"" + new string('e', 200_000) + "\"]}}");

        var run = Replay("{\"context\": {\"Email\": \"ana@example.com\"}}\n", "--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"--config {config}: the file is 200,028 bytes; the plug-in refuses a configuration longer than 65,536 characters", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_configuration_file_that_is_not_UTF8_and_says_so()
    {
        var config = Path.Combine(_directory.Path, "latin1.json");
        File.WriteAllBytes(config, [(byte)'{', (byte)'"', (byte)'a', (byte)'l', (byte)'i', 0xE9, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        var run = Replay("{\"context\": {\"Email\": \"ana@example.com\"}}\n", "--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"--config {config}: not valid UTF-8 (byte 0xE9); save the file as UTF-8", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Uses_the_configuration_for_numbers_written_without_a_country_code()
    {
        var config = _directory.Write("config.json", "{\"defaultCountryCode\": \"1\"}");
        var conversations = "{\"channel\": \"sms\", \"phone\": \"(425) 555-0101\"}\n";

        var configured = Replay(conversations, "--config", config);
        var builtIn = Replay(conversations);

        Assert.Equal(Ana, configured.Lines[0].GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, builtIn.Lines[0].GetProperty("customer").ValueKind);
    }

    [Fact]
    public void Exits_non_zero_naming_the_file_and_line_of_a_bad_data_row()
    {
        _directory.Write("data/account.csv", "accountid,name,statecode\nnot-a-guid,Contoso,0\n");

        var run = Replay("{\"context\": {\"Email\": \"ana@example.com\"}}\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("identify: account.csv line 2: primary key 'accountid' must be a GUID", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void Names_the_file_and_line_of_a_row_the_organization_refuses()
    {
        _directory.Write("data/contact.json", $$"""
            [
              {"contactid": "{{Ana}}", "fullname": "Ana Silva"},
              {"contactid": "{{Ana}}", "fullname": "Ana Silva again"}
            ]
            """);

        var run = Replay("{\"context\": {\"Email\": \"ana@example.com\"}}\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("identify: contact.json line 3: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Exits_non_zero_naming_the_line_of_a_bad_conversation_before_loading_any_data()
    {
        var run = Replay("{\"context\": {\"Email\": \"ana@example.com\"}}\n{\"channel\": \"fax\"}\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("identify: conversations.jsonl line 2: channel must be", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Loaded", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_line_of_a_chat_that_says_it_is_authenticated_without_saying_who()
    {
        var run = Replay("{\"context\": {\"Email\": \"ana@example.com\"}}\n{\"authenticated\": true}\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("identify: conversations.jsonl line 2: authenticated needs portalContactId", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Loaded", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Orders_all_permutes_the_live_chat_context_with_the_late_variables()
    {
        // Contoso's email at creation links Contoso; Ana's signed-in identity and Contoso's name then arrive in either order.
        var run = Replay(
            $"{{\"id\": \"d0000000-0000-4000-8000-000000000021\", \"context\": {{\"Email\": \"info@contoso.example\"}}, \"authenticated\": true, \"portalContactId\": \"{Ana}\", \"late\": {{\"Name\": \"Contoso Ltd\"}}}}\n",
            "--orders", "all");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Ana, run.Lines[0].GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal(2, run.Lines[0].GetProperty("orders").GetInt32());
        Assert.Equal(0, run.Lines[0].GetProperty("orderDependent").GetArrayLength());
        Assert.StartsWith("linked:verified", run.Lines[0].GetProperty("code").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Asks_for_both_files_when_only_one_is_given()
    {
        var run = CliRun.Of("replay", "--data", Data);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("give both --data and --conversations", run.Error, StringComparison.Ordinal);
    }
}
