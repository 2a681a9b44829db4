using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Identification.Plugins.Configuration;
using Xunit;

namespace Identification.Plugins.Tests.Configuration;

/// <summary>
/// A FetchXML rule is plain FetchXML: what would be forwarded into every query, slip past the checks, or rename
/// the columns the plug-in reads is refused when the configuration is read, saying where.
/// </summary>
public class FetchXmlRuleTests
{
    private static string Rule(string table, string fetchXml) =>
        "{\"rules\": [{\"table\": \"" + table + "\", \"fetchXml\": \"" + fetchXml + "\"}]}";

    private static string ContactRule(string body) =>
        Rule("contact", "<fetch><entity name='contact'>" + body + "<filter><condition attribute='new_loyaltyid' operator='eq' value='${LoyaltyId}'/></filter></entity></fetch>");

    private static string Refusal(string configuration) =>
        Assert.Throws<ConfigurationException>(() => IdentificationSettings.Parse(configuration)).Message;

    // Issue 10: "a DOCTYPE (internal subset, SYSTEM 'file:///…') is accepted and forwarded in every query".
    [Theory]
    [InlineData("<!DOCTYPE fetch [<!ENTITY table 'contact'>]><fetch><entity name='&table;'><filter><condition attribute='fullname' operator='eq' value='${Name}'/></filter></entity></fetch>")]
    [InlineData("<!DOCTYPE fetch SYSTEM 'file:///etc/passwd'><fetch><entity name='contact'><filter><condition attribute='fullname' operator='eq' value='${Name}'/></filter></entity></fetch>")]
    public void A_DOCTYPE_is_refused(string fetchXml)
    {
        Assert.Equal("$.rules[0].fetchXml (line 1, column 45) has a <!DOCTYPE …>; FetchXML is plain XML without one: remove it.", Refusal(Rule("contact", fetchXml)));
    }

    [Fact]
    public void A_processing_instruction_is_refused()
    {
        Assert.StartsWith("$.rules[0].fetchXml (line 1, column 45) has a processing instruction (<?xml-stylesheet …?>)",
            Refusal(ContactRule("<?xml-stylesheet href='x'?>")), StringComparison.Ordinal);
    }

    // Issue 10: "a namespaced <x:all-attributes/> passes the all-attributes ban; a namespaced x:value='${Key}' passes validation and then every run fails".
    [Theory]
    [InlineData("<x:all-attributes xmlns:x='urn:x'/>", "puts the element \"x:all-attributes\" in a namespace")]
    [InlineData("<all-attributes xmlns='urn:x'/>", "puts the element \"all-attributes\" in a namespace")]
    [InlineData("<x:all-attributes/>", "is not well-formed XML: 'x' is an undeclared prefix")]
    [InlineData("<attribute name='fullname' xmlns:x='urn:x' x:alias='n'/>", "has the attribute \"xmlns:x\", a namespace declaration or in a namespace")]
    public void Namespaces_are_refused_so_that_no_check_by_name_can_be_slipped_past(string body, string message)
    {
        Assert.Contains(message, Refusal(ContactRule(body)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespaced_placeholder_attribute_is_refused()
    {
        var configuration = Rule("contact", "<fetch xmlns:x='urn:x'><entity name='contact'><filter><condition attribute='fullname' operator='eq' x:value='${Name}'/></filter></entity></fetch>");

        Assert.Equal("$.rules[0].fetchXml (line 1, column 45) has the attribute \"xmlns:x\", a namespace declaration or in a namespace; "
            + "FetchXML attributes have no prefix and no xmlns: remove it (FetchXML line 1, position 8).", Refusal(configuration));
    }

    // Issue 10: "columns and fetchXml for the same table silently ignore the columns".
    [Fact]
    public void Columns_and_FetchXML_in_one_rule_are_refused()
    {
        var configuration = """{"rules": [{"table": "contact", "columns": {"LoyaltyId": "new_loyaltyid"}, "fetchXml": "<fetch><entity name='contact'><filter><condition attribute='fullname' operator='eq' value='${Name}'/></filter></entity></fetch>"}]}""";

        Assert.StartsWith("$.rules[0] has both \"columns\" and \"fetchXml\": a FetchXML rule replaces the table's column rule, so the columns would be ignored",
            Refusal(configuration), StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_for_a_table_whose_rule_is_FetchXML_are_refused()
    {
        var configuration = """
            {"rules": [
              {"table": "contact", "fetchXml": "<fetch><entity name='contact'><filter><condition attribute='fullname' operator='eq' value='${Name}'/></filter></entity></fetch>"},
              {"table": "contact", "columns": {"LoyaltyId": "new_loyaltyid"}}
            ]}
            """;

        Assert.Equal("$.rules[1] adds columns to the contact rule, which the FetchXML rule at $.rules[0] replaces, so they would be ignored; "
            + "write them as conditions in the FetchXML instead (line 3, column 3).", Refusal(configuration));
    }

    // Issue 10: "an aliased fullname gives Linked: contact \"\"; an aliased customerid in an incident rule makes every case belong to another customer".
    [Theory]
    [InlineData("contact", "<attribute name='fullname' alias='n'/>", "gives fullname the alias \"n\"; the plug-in reads fullname by its own name: remove the alias")]
    [InlineData("contact", "<attribute name='contactid' alias='id'/>", "gives contactid the alias \"id\"")]
    [InlineData("contact", "<attribute name='lastname' alias='fullname'/>", "uses the alias \"fullname\", which would hide the fullname column the plug-in reads")]
    [InlineData("contact", "<link-entity name='account' from='accountid' to='parentcustomerid'><attribute name='name' alias='fullname'/></link-entity>", "uses the alias \"fullname\"")]
    [InlineData("incident", "<attribute name='customerid' alias='owner'/>", "gives customerid the alias \"owner\"")]
    [InlineData("incident", "<attribute name='ticketnumber' alias='number'/>", "gives ticketnumber the alias \"number\"")]
    public void An_alias_on_a_column_the_plugin_reads_is_refused(string table, string attribute, string message)
    {
        var configuration = Rule(table, "<fetch><entity name='" + table + "'>" + attribute + "<filter><condition attribute='new_code' operator='eq' value='${Code}'/></filter></entity></fetch>");

        Assert.Contains(message, Refusal(configuration), StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_on_another_column_is_allowed()
    {
        var settings = IdentificationSettings.Parse(ContactRule("<attribute name='lastname' alias='surname'/>"));

        Assert.Equal(new[] { "LoyaltyId" }, settings.CustomerRules[0].FetchXml!.Keys);
    }

    // Issue 10: "a rule with 50,000 nested filters passes validation". Over the size cap as the issue wrote it; nested past the limit within it.
    [Fact]
    public void A_rule_nested_deeper_than_the_limit_is_refused_at_the_element_too_deep()
    {
        var configuration = ContactRule(Nested("<filter>", 3_000) + "<condition attribute='fullname' operator='eq' value='${Name}'/>" + Nested("</filter>", 3_000));

        Assert.Equal("$.rules[0].fetchXml (line 1, column 45) nests elements more than 20 deep; a rule needs far fewer (fetch, entity, link-entity, filter, condition, value): "
            + "flatten the filters (FetchXML line 1, position 176).", Refusal(configuration));
    }

    [Fact]
    public void A_rule_as_deep_as_the_limit_is_read()
    {
        // fetch, entity, the filters, condition, value: the value element is exactly at the limit.
        var filters = FetchXmlTemplate.MaximumDepth - 4;
        var settings = IdentificationSettings.Parse(Rule("contact", "<fetch><entity name='contact'>" + Nested("<filter>", filters)
            + "<condition attribute='fullname' operator='in'><value>${Name}</value></condition>" + Nested("</filter>", filters) + "</entity></fetch>"));

        Assert.Equal(new[] { "Name" }, settings.CustomerRules[0].FetchXml!.Keys);
    }

    private static string ConditionRule(string condition, string? placeholderOperators = null) =>
        "{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch><entity name='contact'><filter>" + condition + "</filter></entity></fetch>\""
        + (placeholderOperators != null ? ", \"placeholderOperators\": " + placeholderOperators : string.Empty) + "}]}";

    private static string LinkRule(string links) =>
        "{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch><entity name='contact'>" + links + "</entity></fetch>\"}]}";

    private const string AccountNumber = "<filter><condition attribute='accountnumber' operator='eq' value='${AccountNumber}'/></filter>";

    // Issue 11: "typing L-1048 against a gt rule links the member whose id is L-1049".
    public static TheoryData<string, string> OptInOperators => new()
    {
        { "gt", "<condition attribute='new_code' operator='gt' value='${Code}'/>" },
        { "ge", "<condition attribute='new_code' operator='ge' value='${Code}'/>" },
        { "lt", "<condition attribute='new_code' operator='lt' value='${Code}'/>" },
        { "le", "<condition attribute='new_code' operator='le' value='${Code}'/>" },
        { "between", "<condition attribute='new_code' operator='between'><value>${Code}</value><value>Z</value></condition>" },
        { "like", "<condition attribute='new_code' operator='like' value='${Code}'/>" },
        { "begins-with", "<condition attribute='new_code' operator='begins-with' value='${Code}'/>" },
        { "ends-with", "<condition attribute='new_code' operator='ends-with' value='${Code}'/>" },
    };

    [Theory]
    [MemberData(nameof(OptInOperators))]
    public void A_placeholder_under_an_operator_other_than_eq_or_in_is_refused_saying_how_to_opt_in(string op, string condition)
    {
        var message = Refusal(ConditionRule(condition));

        Assert.StartsWith("$.rules[0].fetchXml (line 1, column 45) compares \"${Code}\" with operator \"" + op + "\" in the condition on \"new_code\", "
            + "which a placeholder takes only when its rule opts in: ", message, StringComparison.Ordinal);
        Assert.EndsWith("To accept that, give the rule \"placeholderOperators\": [\"eq\", \"in\", \"" + op + "\"] (FetchXML line 1, position 40).", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OptInOperators))]
    public void A_rule_that_lists_the_operator_in_placeholderOperators_is_read(string op, string condition)
    {
        var settings = IdentificationSettings.Parse(ConditionRule(condition, "[\"" + op + "\"]"));

        Assert.Equal(new[] { "Code" }, settings.CustomerRules[0].FetchXml!.Keys);
    }

    [Theory]
    [InlineData("<condition attribute='new_code' operator='eq' value='${Code}'/>")]
    [InlineData("<condition attribute='new_code' operator='eq'><value>${Code}</value></condition>")]
    [InlineData("<condition attribute='new_code' operator='in'><value>${Code}</value><value>${OtherCode}</value></condition>")]
    public void Eq_and_in_take_a_placeholder_without_an_opt_in(string condition)
    {
        var settings = IdentificationSettings.Parse(ConditionRule(condition));

        Assert.Contains("Code", settings.CustomerRules[0].FetchXml!.Keys);
    }

    [Theory]
    [InlineData("ne")]
    [InlineData("neq")]
    [InlineData("not-in")]
    [InlineData("not-between")]
    [InlineData("not-like")]
    [InlineData("not-begin-with")]
    [InlineData("not-end-with")]
    public void A_negative_operator_never_takes_a_placeholder_even_when_the_rule_opts_in_to_everything_else(string op)
    {
        var everything = "[" + string.Join(", ", PlaceholderOperators.Listable.Select(o => "\"" + o + "\"")) + "]";

        var message = Refusal(ConditionRule("<condition attribute='new_code' operator='" + op + "'><value>${Code}</value></condition>", everything));

        Assert.StartsWith("$.rules[0].fetchXml (line 1, column 45) compares \"${Code}\" with operator \"" + op + "\" in the condition on \"new_code\", "
            + "and a negative operator never takes a placeholder, even opted in: a negative condition matches every record except the ones the value names, "
            + "so whatever a visitor types passes it", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ne", 2)]
    [InlineData("not-like", 2)]
    public void Listing_a_negative_operator_in_placeholderOperators_is_refused(string op, int index)
    {
        var message = Refusal(ConditionRule("<condition attribute='new_code' operator='eq' value='${Code}'/>", "[\"eq\", \"in\", \"" + op + "\"]"));

        Assert.StartsWith("$.rules[0].placeholderOperators[" + index + "] is \"" + op + "\", which never takes a placeholder, even opted in: a negative condition",
            message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("not-null")]
    [InlineData("on-or-after")]
    [InlineData("under")]
    [InlineData("last-x-days")]
    [InlineData("")]
    public void Other_operators_cannot_take_a_placeholder(string op)
    {
        Assert.Contains("with operator \"" + op + "\" in the condition on \"new_code\", which cannot take a placeholder: a placeholder is compared with eq, in, "
            + "or, when the rule lists them in \"placeholderOperators\", with gt, ge, lt, le, between, like, begins-with, ends-with",
            Refusal(ConditionRule("<condition attribute='new_code' operator='" + op + "' value='${Code}'/>")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_operator_in_placeholderOperators_is_refused_naming_those_it_may_list()
    {
        Assert.Equal("$.rules[0].placeholderOperators[1] is \"contains\", not an operator a placeholder can use; "
            + "list some of eq, in, gt, ge, lt, le, between, like, begins-with, ends-with (line 1, column 207).",
            Refusal(ConditionRule("<condition attribute='new_code' operator='eq' value='${Code}'/>", "[\"eq\", \"contains\"]")));
    }

    [Theory]
    [InlineData("[]", "$.rules[0].placeholderOperators must list the operators the rule's placeholders may use (without it they may use eq and in)")]
    [InlineData("[\"eq\", \"eq\"]", "$.rules[0].placeholderOperators[1] lists eq a second time; list each operator once")]
    [InlineData("[\"EQ\"]", "$.rules[0].placeholderOperators[0] is \"EQ\", not an operator a placeholder can use")]
    [InlineData("\"like\"", "$.rules[0].placeholderOperators must be an array; it is a string")]
    public void A_malformed_placeholderOperators_is_refused(string placeholderOperators, string message)
    {
        Assert.StartsWith(message, Refusal(ConditionRule("<condition attribute='new_code' operator='eq' value='${Code}'/>", placeholderOperators)), StringComparison.Ordinal);
    }

    [Fact]
    public void PlaceholderOperators_on_a_columns_rule_is_refused()
    {
        Assert.StartsWith("$.rules[0].placeholderOperators applies to the placeholders of a \"fetchXml\" rule, and this rule has none",
            Refusal("""{"rules": [{"table": "account", "columns": {"AccountNumber": "accountnumber"}, "placeholderOperators": ["like"]}]}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void An_opt_in_that_leaves_out_eq_refuses_eq()
    {
        Assert.EndsWith("compares \"${Code}\" with operator \"eq\" in the condition on \"new_code\", which the rule's \"placeholderOperators\" (like) does not list. "
            + "To accept that, add \"eq\" to it (FetchXML line 1, position 40).",
            Refusal(ConditionRule("<condition attribute='new_code' operator='eq' value='${Code}'/>", "[\"like\"]")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_opted_in_like_operator_escapes_the_visitor_s_wildcards_and_eq_leaves_the_value_as_typed()
    {
        var template = IdentificationSettings.Parse(ConditionRule(
            "<condition attribute='new_code' operator='like' value='${Code}'/><condition attribute='new_other' operator='eq' value='${Code}'/>", "[\"eq\", \"like\"]"))
            .CustomerRules[0].FetchXml!;

        var fetchXml = template.Render(new Dictionary<string, string> { ["Code"] = "100%_[x]<&" });

        Assert.Contains("<condition attribute=\"new_code\" operator=\"like\" value=\"100[%][_][[]x]&lt;&amp;\" />", fetchXml, StringComparison.Ordinal);
        Assert.Contains("<condition attribute=\"new_other\" operator=\"eq\" value=\"100%_[x]&lt;&amp;\" />", fetchXml, StringComparison.Ordinal);
    }

    // Issue 11: "an outer link-entity carrying a placeholder": the join keeps every contact, matching or not.
    [Fact]
    public void A_placeholder_in_an_outer_link_entity_is_refused()
    {
        Assert.Equal("$.rules[0].fetchXml (line 1, column 45) puts \"${AccountNumber}\" inside the \"outer\" link-entity \"account\": an outer join's conditions "
            + "do not restrict the contact rows, so the visitor's value would not have to match anything; make the link inner (the default) (FetchXML line 1, position 32).",
            Refusal(LinkRule("<link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer'>" + AccountNumber + "</link-entity>")));
    }

    [Theory]
    [InlineData("<link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer'><link-entity name='contact' from='contactid' to='primarycontactid'>" + AccountNumber + "</link-entity></link-entity>")]
    [InlineData("<link-entity name='account' from='accountid' to='parentcustomerid'><link-entity name='contact' from='contactid' to='primarycontactid' link-type='outer'>" + AccountNumber + "</link-entity></link-entity>")]
    [InlineData("<link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer'><filter type='or'><filter>" + AccountNumber + "</filter></filter></link-entity>")]
    public void A_placeholder_anywhere_under_an_outer_link_entity_is_refused(string links)
    {
        Assert.Contains("inside the \"outer\" link-entity", Refusal(LinkRule(links)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not any")]
    [InlineData("all")]
    [InlineData("not all")]
    [InlineData("natural")]
    public void A_placeholder_in_a_link_entity_that_does_not_keep_only_matching_rows_is_refused(string type)
    {
        Assert.Contains("puts \"${AccountNumber}\" inside the \"" + type + "\" link-entity \"account\", which does not keep only the contact rows whose related row matches; "
            + "a placeholder may be inside a link-entity of type inner, any, exists, in, matchfirstrowusingcrossapply",
            Refusal(LinkRule("<link-entity name='account' from='accountid' to='parentcustomerid' link-type='" + type + "'>" + AccountNumber + "</link-entity>")),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<link-entity name='account' from='accountid' to='parentcustomerid'>" + AccountNumber + "</link-entity>")]
    [InlineData("<link-entity name='account' from='accountid' to='parentcustomerid' link-type='inner'><link-entity name='contact' from='contactid' to='primarycontactid' link-type='any'>" + AccountNumber + "</link-entity></link-entity>")]
    [InlineData("<link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer'><attribute name='name'/></link-entity>" + "<filter>" + AccountNumber + "</filter>")]
    public void A_placeholder_in_an_inner_link_entity_or_beside_an_outer_one_is_read(string links)
    {
        var settings = IdentificationSettings.Parse(LinkRule(links));

        Assert.Equal(new[] { "AccountNumber" }, settings.CustomerRules[0].FetchXml!.Keys);
    }

    private static string Nested(string tag, int times) => new StringBuilder(tag.Length * times).Insert(0, tag, times).ToString();
}
