using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Identification.Identify.Tests;

/// <summary>
/// Issue 13 item 5: <c>identify phones</c> sorts every stored number of exported contacts and accounts (already E.164,
/// fixable, ambiguous, invalid, with an extension), and writes the fixes as a CSV and as Web API PATCH requests.
/// </summary>
public sealed class PhonesTests : IDisposable
{
    private const string Ana = "a0000000-0000-4000-8000-000000000001";
    private const string Bo = "a0000000-0000-4000-8000-000000000002";
    private const string Cy = "a0000000-0000-4000-8000-000000000003";
    private const string Contoso = "b0000000-0000-4000-8000-000000000001";
    private const string Fabrikam = "b0000000-0000-4000-8000-000000000002";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Data => Path.Combine(_directory.Path, "data");

    private string Out => Path.Combine(_directory.Path, "fixes.csv");

    private string Requests => Path.Combine(_directory.Path, "requests.json");

    private CliRun Phones(params string[] more) => CliRun.Of(["phones", "--data", Data, "--out", Out, .. more]);

    /// <summary>The count on the summary line of a category: "  fixable          4  (…)".</summary>
    private static int Count(CliRun run, string label)
    {
        var line = run.Error.Split('\n').Single(l => l.StartsWith("  " + label + " ", StringComparison.Ordinal));
        return int.Parse(line[(label.Length + 2)..].TrimStart().Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AssertCounts(CliRun run, int alreadyE164, int fixable, int ambiguous, int invalid, int extension)
    {
        Assert.Equal(
            (alreadyE164, fixable, ambiguous, invalid, extension),
            (Count(run, "already E.164"), Count(run, "fixable"), Count(run, "ambiguous"), Count(run, "invalid"), Count(run, "extension")));
    }

    [Fact]
    public void Sorts_every_stored_number_into_its_category()
    {
        _directory.Write("data/contact.csv",
            "contactid,fullname,mobilephone,telephone1,telephone2,telephone3\n"
            + $"{Ana},Ana Silva,\"+14255550101\",\"(425) 555-0199\",\"425.555.0142 x12\",\n"
            + $"{Bo},Bo Berg,\"442079460000\",\"12345\",\"call me\",\"+1 425 555 01\"\n"
            + $"{Cy},Cy Adams,,,,\n");

        var run = Phones("--default-country", "1");

        Assert.Equal(0, run.ExitCode);
        AssertCounts(run, alreadyE164: 1, fixable: 1, ambiguous: 1, invalid: 3, extension: 1);
        Assert.Contains($"contact.csv line 3, contactid {Bo}, mobilephone \"442079460000\": not a valid number of US; read as an international number missing its +, it is +442079460000 (GB)", run.Error, StringComparison.Ordinal);
        Assert.Contains($"contact.csv line 3, contactid {Bo}, telephone1 \"12345\": ", run.Error, StringComparison.Ordinal);
        Assert.Contains($"contact.csv line 3, contactid {Bo}, telephone2 \"call me\": not a phone number", run.Error, StringComparison.Ordinal);
        Assert.Contains($"contact.csv line 3, contactid {Bo}, telephone3 \"+1 425 555 01\": too short for US", run.Error, StringComparison.Ordinal);
        Assert.Contains($"contact.csv line 2, contactid {Ana}, telephone2 \"425.555.0142 x12\": +14255550142 with extension 12, which E.164 cannot hold", run.Error, StringComparison.Ordinal);
        Assert.Equal(
            "id,table,column,old_value,new_value\r\n"
            + $"{Ana},contact,telephone1,\"(425) 555-0199\",\"+14255550199\"\r\n",
            File.ReadAllText(Out));
    }

    [Fact]
    public void Without_a_default_country_a_national_number_is_ambiguous_and_an_international_one_still_fixable()
    {
        _directory.Write("data/contact.json", $$"""
            [
              {"contactid": "{{Ana}}", "mobilephone": "(425) 555-0199", "telephone1": "+1 (425) 555-0100", "telephone2": "0044 20 7946 0000"}
            ]
            """);

        var run = Phones();

        Assert.Equal(0, run.ExitCode);
        AssertCounts(run, alreadyE164: 0, fixable: 1, ambiguous: 2, invalid: 0, extension: 0);
        Assert.Contains("default country none (--default-country not given).", run.Error, StringComparison.Ordinal);
        Assert.Contains($"mobilephone \"(425) 555-0199\": no country code, and no --default-country", run.Error, StringComparison.Ordinal);
        Assert.Contains($"telephone2 \"0044 20 7946 0000\": no country code, and no --default-country", run.Error, StringComparison.Ordinal);
        Assert.EndsWith($"{Ana},contact,telephone1,\"+1 (425) 555-0100\",\"+14255550100\"\r\n", File.ReadAllText(Out), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", "(425) 555-0199", "+14255550199")]
    [InlineData("+1", "(416) 555-0199", "+14165550199")]
    [InlineData("US", "1 425 555 0199", "+14255550199")]
    [InlineData("us", "011 44 20 7946 0000", "+442079460000")]
    [InlineData("44", "020 7946 0000", "+442079460000")]
    [InlineData("GB", "+44 (0) 20 7946 0000", "+442079460000")]
    [InlineData("GB", "00 1 425 555 0199", "+14255550199")]
    [InlineData("DE", "030 123456", "+4930123456")]
    public void The_default_country_is_a_calling_code_or_a_region_with_its_own_prefixes(string country, string stored, string e164)
    {
        _directory.Write("data/account.csv", $"accountid,telephone1\n{Contoso},\"{stored}\"\n");

        var run = Phones("--default-country", country);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith($"{Contoso},account,telephone1,\"{stored}\",\"{e164}\"\r\n", File.ReadAllText(Out), StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_one_PATCH_request_per_record_with_every_fixed_column_and_If_Match_star()
    {
        _directory.Write("data/contact.json", $$"""
            [
              {"contactid": "{{Ana}}", "mobilephone": "(425) 555-0199", "telephone1": "425-555-0100", "telephone2": "+14255550101"},
              {"contactid": "{{Bo}}", "mobilephone": "+14255550102"}
            ]
            """);
        _directory.Write("data/account.csv", $"accountid,name,telephone1,telephone2\n{Contoso},Contoso,\"425 555 0110\",\n{Fabrikam},Fabrikam,,\"+1-425-555-0111\"\n");

        var run = Phones("--default-country", "US", "--requests", Requests);

        Assert.Equal(0, run.ExitCode);
        AssertCounts(run, alreadyE164: 2, fixable: 4, ambiguous: 0, invalid: 0, extension: 0);
        Assert.Contains($"their E.164 form is in {Out}, and 3 PATCH requests in {Requests}", run.Error, StringComparison.Ordinal);
        Assert.Equal(
            "id,table,column,old_value,new_value\r\n"
            + $"{Ana},contact,mobilephone,\"(425) 555-0199\",\"+14255550199\"\r\n"
            + $"{Ana},contact,telephone1,\"425-555-0100\",\"+14255550100\"\r\n"
            + $"{Contoso},account,telephone1,\"425 555 0110\",\"+14255550110\"\r\n"
            + $"{Fabrikam},account,telephone2,\"+1-425-555-0111\",\"+14255550111\"\r\n",
            File.ReadAllText(Out));

        using var requests = JsonDocument.Parse(File.ReadAllText(Requests));
        Assert.Equal(
            [
                $$$"""{"method":"PATCH","url":"contacts({{{Ana}}})","headers":{"If-Match":"*"},"body":{"mobilephone":"+14255550199","telephone1":"+14255550100"}}""",
                $$$"""{"method":"PATCH","url":"accounts({{{Contoso}}})","headers":{"If-Match":"*"},"body":{"telephone1":"+14255550110"}}""",
                $$$"""{"method":"PATCH","url":"accounts({{{Fabrikam}}})","headers":{"If-Match":"*"},"body":{"telephone2":"+14255550111"}}""",
            ],
            requests.RootElement.EnumerateArray().Select(r => JsonSerializer.Serialize(r, Relaxed)).ToArray());
    }

    [Fact]
    public void With_nothing_to_fix_the_outputs_are_a_header_and_an_empty_array()
    {
        _directory.Write("data/contact.json", $$"""[{"contactid": "{{Ana}}", "mobilephone": "+14255550199"}]""");

        var run = Phones("--requests", Requests);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("id,table,column,old_value,new_value\r\n", File.ReadAllText(Out));
        Assert.Equal(0, JsonDocument.Parse(File.ReadAllText(Requests)).RootElement.GetArrayLength());
    }

    [Fact]
    public void Without_out_the_CSV_goes_to_stdout()
    {
        _directory.Write("data/contact.json", $$"""[{"contactid": "{{Ana}}", "mobilephone": "(425) 555-0199"}]""");

        var run = CliRun.Of("phones", "--data", Data, "--default-country", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"id,table,column,old_value,new_value\r\n{Ana},contact,mobilephone,\"(425) 555-0199\",\"+14255550199\"\r\n", run.Output);
    }

    [Fact]
    public void A_digits_only_number_written_unquoted_in_a_CSV_export_is_read_as_its_digits()
    {
        _directory.Write("data/contact.csv", $"contactid,mobilephone\n{Ana},4255550199\n");

        var run = Phones("--default-country", "1");

        Assert.EndsWith($"{Ana},contact,mobilephone,\"4255550199\",\"+14255550199\"\r\n", File.ReadAllText(Out), StringComparison.Ordinal);
    }

    [Fact]
    public void A_phone_column_that_holds_no_text_is_invalid_and_says_what_it_holds()
    {
        _directory.Write("data/contact.json", $$"""[{"contactid": "{{Ana}}", "mobilephone": true}]""");

        var run = Phones("--default-country", "1");

        AssertCounts(run, alreadyE164: 0, fixable: 0, ambiguous: 0, invalid: 1, extension: 0);
        Assert.Contains($"contact.json line 1, contactid {Ana}, mobilephone: not text but a Boolean", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_replace_a_table_s_defaults_and_an_empty_list_skips_the_table()
    {
        _directory.Write("data/contact.json", $$"""[{"contactid": "{{Ana}}", "mobilephone": "(425) 555-0199", "new_whatsapp": "(425) 555-0100"}]""");
        _directory.Write("data/account.json", $$"""[{"accountid": "{{Contoso}}", "telephone1": "(425) 555-0110"}]""");

        var run = Phones("--default-country", "1", "--columns", "contact=new_whatsapp", "--columns", "account=");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(contact: new_whatsapp; account: no columns)", run.Error, StringComparison.Ordinal);
        Assert.Equal($"id,table,column,old_value,new_value\r\n{Ana},contact,new_whatsapp,\"(425) 555-0100\",\"+14255550100\"\r\n", File.ReadAllText(Out));
    }

    [Fact]
    public void A_missing_table_is_said_and_the_other_one_checked()
    {
        _directory.Write("data/account.json", $$"""[{"accountid": "{{Contoso}}", "telephone1": "(425) 555-0110"}]""");
        _directory.Write("data/incident.json", "[]");

        var run = Phones("--default-country", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No contact table in ", run.Error, StringComparison.Ordinal);
        Assert.Contains("in 1 account rows of", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--default-country", "XX" }, "--default-country XX: XX is not a region libphonenumber knows; give an ISO 3166-1 two-letter code or a calling code (e.g. 1, US, 44, GB)")]
    [InlineData(new[] { "--default-country", "999" }, "--default-country 999: no country has the calling code +999; give a country's calling code or region (e.g. 1, US, 44, GB)")]
    [InlineData(new[] { "--default-country", "800" }, "--default-country 800: +800 is a calling code of a global service, not of a country; give the country's calling code or region (e.g. 1, US, 44, GB)")]
    [InlineData(new[] { "--default-country", "United States" }, "--default-country United States: give a country calling code (1, +44) or an ISO 3166-1 two-letter region (US, GB)")]
    [InlineData(new[] { "--columns", "lead=mobilephone" }, "--columns lead=mobilephone: write TABLE=COLUMN,COLUMN with contact or account as the table, e.g. --columns contact=mobilephone,telephone1 (TABLE= checks none of its columns)")]
    [InlineData(new[] { "--columns", "mobilephone" }, "--columns mobilephone: write TABLE=COLUMN,COLUMN with contact or account as the table, e.g. --columns contact=mobilephone,telephone1 (TABLE= checks none of its columns)")]
    [InlineData(new[] { "--columns", "contact=Mobile Phone" }, "--columns contact=Mobile Phone: \"Mobile Phone\" is not a column's logical name (lowercase letters, digits, underscores)")]
    [InlineData(new[] { "--columns", "contact=mobilephone", "--columns", "contact=telephone1" }, "--columns contact=telephone1: contact is given twice; list all its columns in one --columns contact=…")]
    public void Refuses_bad_arguments_with_a_message_and_writes_nothing(string[] arguments, string message)
    {
        _directory.Write("data/contact.json", $$"""[{"contactid": "{{Ana}}", "mobilephone": "(425) 555-0199"}]""");

        var run = Phones(arguments);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("identify: " + message + "\n", run.Error);
        Assert.False(File.Exists(Out));
    }

    [Fact]
    public void Refuses_a_data_directory_without_contacts_or_accounts()
    {
        _directory.Write("data/incident.json", "[]");

        var run = Phones();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"identify: --data {Data}: no contact or account table in it (contact.json, contact.csv, account.json or account.csv)\n", run.Error);
    }

    [Fact]
    public void Requires_the_data_directory()
    {
        var run = CliRun.Of("phones", "--default-country", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--data", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data/contact.csv", "contactid,mobilephone\n" + Ana + ",\"(425) 555-0199\"\n" + Bo + ",\"425\",extra\n", "contact.csv line 3: 3 fields, but the header names 2 columns")]
    [InlineData("data/contact.csv", "fullname,mobilephone\nAna Silva,\"(425) 555-0199\"\n", "contact.csv line 2: the row has no contactid; export the primary key, which the fixes name each record by")]
    [InlineData("data/contact.json", "[\n{\"contactid\": \"" + Ana + "\", \"mobilephone\": \"(425) 555-0199\"},\n{\"contactid\": \"" + Ana + "\", \"telephone1\": \"(425) 555-0100\"}\n]", "contact.json line 3: contactid " + Ana + " is the key of the row on line 2 too; each record once")]
    [InlineData("data/account.json", "[\n{\"accountid\": \"not a guid\", \"telephone1\": \"(425) 555-0199\"}\n]", "account.json line 2: ")]
    [InlineData("data/account.json", "[\n{\"accountid\": \"" + Contoso + "\", \"telephone1\": \"(425) 555-0199\"}", "account.json line ")]
    public void A_bad_input_file_is_refused_with_its_file_and_line_and_nothing_is_written(string file, string content, string message)
    {
        _directory.Write(file, content);

        var run = Phones("--default-country", "1", "--requests", Requests);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("identify: " + message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Out));
        Assert.False(File.Exists(Requests));
    }
}
