using System;
using System.Collections.Generic;
using System.Text;
using Identification.Plugins.Configuration;
using Xunit;

namespace Identification.Plugins.Tests.Configuration;

/// <summary>
/// The step configuration is strict JSON, read in one pass: what a lenient reader would guess at is refused, and
/// every refusal says what to fix and where (the JSON path, or the line and column).
/// </summary>
public class ConfigurationParserTests
{
    private static string Refusal(string configuration) =>
        Assert.Throws<ConfigurationException>(() => IdentificationSettings.Parse(configuration)).Message;

    // Issue 10: "a repeated option silently wins".
    [Fact]
    public void A_repeated_option_is_refused_instead_of_the_last_one_winning()
    {
        var message = Refusal("""{"minimumMatchingInputs": 2, "tables": ["contact"], "minimumMatchingInputs": 1}""");

        Assert.Equal("The configuration is not valid JSON at line 1, column 53: \"minimumMatchingInputs\" is given twice in $ (first at line 1, column 2); give each member once.", message);
    }

    [Theory]
    [InlineData("""{"aliases": {"Email": ["Mail"], "Email": ["E-mail"]}}""", "\"Email\" is given twice in $.aliases")]
    [InlineData("""{"aliases": {"Email": ["Mail"], "email": ["E-mail"]}}""", "$.aliases.email names the key email again (keys match case-insensitively)")]
    [InlineData("""{"phoneColumns": {"contact": ["mobilephone"], "contact": []}}""", "\"contact\" is given twice in $.phoneColumns")]
    [InlineData("""{"rules": [{"table": "account", "columns": {"AccountNumber": "accountnumber"}, "table": "contact"}]}""", "\"table\" is given twice in $.rules[0]")]
    [InlineData("""{"rules": [{"table": "account", "columns": {"AccountNumber": "accountnumber", "accountNumber": "new_number"}}]}""", "$.rules[0].columns.accountNumber gives the key accountNumber a second time")]
    [InlineData("""{"conversationColumns": {"Email": "new_email", "EMAIL": "new_other"}}""", "$.conversationColumns.EMAIL gives the key EMAIL a second time")]
    public void A_member_given_twice_is_refused_at_any_depth(string configuration, string message)
    {
        Assert.Contains(message, Refusal(configuration), StringComparison.Ordinal);
    }

    // Issue 10: "trailing content is dropped ({…} {…}, {…}}, {…}\u0000)".
    [Theory]
    [InlineData("{\"resolution\": \"strict\"} {\"resolution\": \"firstSingleMatch\"}", "line 1, column 26: '{' after the end of the configuration")]
    [InlineData("{\"resolution\": \"strict\"}}", "line 1, column 25: '}' after the end of the configuration")]
    [InlineData("{\"resolution\": \"strict\"}\0", "line 1, column 25: U+0000 after the end of the configuration")]
    [InlineData("{\"resolution\": \"strict\"}\n\n  // strict", "line 3, column 3: '/' after the end of the configuration")]
    public void Content_after_the_configuration_is_refused_not_dropped(string configuration, string message)
    {
        Assert.Contains(message, Refusal(configuration), StringComparison.Ordinal);
    }

    // Issue 10: "02 reads as 2".
    [Fact]
    public void A_number_with_a_leading_zero_is_refused()
    {
        Assert.Contains("line 1, column 27: a number has no leading zeros: write 2, not 02", Refusal("""{"minimumMatchingInputs": 02}"""), StringComparison.Ordinal);
    }

    // Issue 10: "a __type member is swallowed".
    [Theory]
    [InlineData("""{"__type": "IdentificationSettings:#Identification", "tables": ["contact"]}""")]
    [InlineData("""{"aliases": {"__type": ["Email"]}}""")]
    public void A_type_hint_member_is_refused(string configuration)
    {
        Assert.Contains("\"__type\" is not an option: the configuration is plain JSON, not a serialized .NET object; remove it", Refusal(configuration), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"defaultCountryCode\": \"\t1\"}", "line 1, column 25: a tab inside a string must be written as \\t")]
    [InlineData("{\"defaultCountryCode\": \"1\u0001\"}", "line 1, column 26: the control character U+0001 inside a string must be written as \\u0001, or removed")]
    [InlineData("{\"defaultCountryCode\": \"\\x41\"}", "line 1, column 25: a backslash followed by 'x' is not a JSON escape")]
    [InlineData("{\"defaultCountryCode\": \"\\u12\"}", "line 1, column 25: \\u must be followed by four hexadecimal digits")]
    [InlineData("{\"defaultCountryCode\": \"\\uD800\"}", "line 1, column 25: \\uD800 is half of a surrogate pair and stands alone")]
    [InlineData("{\"defaultCountryCode\": \"Ann\\uDC00\"}", "line 1, column 28: \\uDC00 is half of a surrogate pair and stands alone")]
    [InlineData("{\"defaultCountryCode\": \"1}", "line 1, column 27: the string that starts at line 1, column 24 is never closed")]
    [InlineData("{'tables': ['contact']}", "line 1, column 2: expected a member name in double quotes, found '''")]
    [InlineData("{\"tables\": [\"contact\",]}", "line 1, column 23: expected an item after ',', found ']' (a comma after the last item?)")]
    [InlineData("{\"tables\": [\"contact\"],}", "line 1, column 24: expected a member name in double quotes, found '}' (a comma after the last member?)")]
    [InlineData("{\"identifyCase\": True}", "line 1, column 18: expected a value")]
    [InlineData("{\"minimumMatchingInputs\": 2.}", "line 1, column 29: expected a digit after the decimal point")]
    [InlineData("{\"minimumMatchingInputs\": 1e400}", "$.minimumMatchingInputs must be a whole number; it is 1e400 (line 1, column 27).")]
    public void A_malformed_value_is_refused_at_its_line_and_column(string configuration, string message)
    {
        Assert.Contains(message, Refusal(configuration), StringComparison.Ordinal);
    }

    [Fact]
    public void A_surrogate_that_is_not_half_of_a_pair_is_refused_as_damaged_text()
    {
        var message = Refusal("{\"defaultCountryCode\": \"1\uD800\"}");

        Assert.Contains("line 1, column 26: the unpaired surrogate U+D800 is not text", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_in_a_configuration_written_over_several_lines_name_their_line()
    {
        var configuration = """
            {
              "tables": ["contact", "account"],
              "minimumMatchingInputs": 0
            }
            """;

        Assert.Equal("$.minimumMatchingInputs must be between 1 and 10 (line 3, column 28).", Refusal(configuration));
    }

    [Fact]
    public void A_byte_order_mark_before_the_configuration_is_not_content()
    {
        var settings = IdentificationSettings.Parse("\uFEFF{\"minimumMatchingInputs\": 2}");

        Assert.Equal(2, settings.MinimumMatchingInputs);
    }

    [Fact]
    public void Text_quoted_in_a_message_is_cut_short_and_kept_on_one_line()
    {
        var message = Refusal("{\"resolution\": \"" + new string('x', 5_000) + "\\nnext line\"}");

        Assert.Contains("$.resolution must be \"firstSingleMatch\" or \"strict\"; it is \"xxxxxxxx", message, StringComparison.Ordinal);
        Assert.EndsWith("xxxx…\" (line 1, column 16).", message, StringComparison.Ordinal);
        Assert.True(message.Length < 200, message);
    }

    // Issue 10: "the parser is super-linear". These are the issue's inputs; each is refused by the size cap at once.
    public static TheoryData<string, string> IssueInputs => new()
    {
        { "32k \\u0027 escapes (a 484 kB configuration)", FetchXmlRule(32 * 1024, "\\u0027") },
        { "100k nesting levels", "{\"rules\": " + new string('[', 100_000) + new string(']', 100_000) + "}" },
        { "a 1 MB FetchXML template", "{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch><entity name='contact'><filter>"
            + Repeat("<condition attribute='fullname' operator='eq' value='${Name}'/>", 16_000) + "</filter></entity></fetch>\"}]}" },
    };

    [Theory]
    [MemberData(nameof(IssueInputs))]
    public void A_configuration_over_64_KB_is_refused_before_it_is_read(string input, string configuration)
    {
        Assert.True(configuration.Length > IdentificationSettings.MaximumConfigurationLength, input);

        Assert.StartsWith($"The configuration is {configuration.Length:N0} characters long; the limit is 65,536 (64 KB).", Refusal(configuration), StringComparison.Ordinal);
    }

    [Fact]
    public void A_FetchXML_rule_written_with_escaped_quotes_up_to_the_size_cap_is_read()
    {
        var configuration = FetchXmlRule(3_900, "\\u0027");
        Assert.InRange(configuration.Length, 60_000, IdentificationSettings.MaximumConfigurationLength);

        var rule = IdentificationSettings.Parse(configuration).CustomerRules[0];

        Assert.Equal(new[] { "Code" }, rule.FetchXml!.Keys);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_where_it_goes_too_deep()
    {
        var configuration = "{\"rules\": " + new string('[', 32_000) + new string(']', 32_000) + "}";

        Assert.Equal("The configuration is not valid JSON at line 1, column 18: objects and arrays are nested more than 8 deep; the configuration's options need 4 at most.",
            Refusal(configuration));
    }

    [Fact]
    public void The_deepest_options_are_well_inside_the_nesting_limit()
    {
        var settings = IdentificationSettings.Parse("""{"rules": [{"table": "account", "columns": {"AccountNumber": "accountnumber"}}]}""");

        Assert.Contains(settings.CustomerRules[1].Inputs, i => i.Key == "AccountNumber");
    }

    /// <summary>A contact FetchXML rule of <paramref name="quotes"/> quotes, each written as <paramref name="quote"/>.</summary>
    private static string FetchXmlRule(int quotes, string quote)
    {
        var conditions = new StringBuilder();
        for (var i = 0; i < (quotes - 2) / 6; i++)
        {
            conditions.Append($"<condition attribute={quote}new_code{i}{quote} operator={quote}eq{quote} value={quote}${{Code}}{quote}/>");
        }

        return "{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch><entity name=" + quote + "contact" + quote + "><filter type=" + quote + "or"
            + quote + ">" + conditions + "</filter></entity></fetch>\"}]}";
    }

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();
}
