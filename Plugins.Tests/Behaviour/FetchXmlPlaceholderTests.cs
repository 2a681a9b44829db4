using System;
using Identification.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>
/// SPEC §5, issue 11: a custom FetchXML rule compares a visitor's value with eq or in, so the visitor must know the
/// whole value; other operators only where the admin opts in, and then the visitor's wildcards match themselves.
/// </summary>
public class FetchXmlPlaceholderTests
{
    private static string MemberRule(string op, string? placeholderOperators = null) =>
        "{\"rules\": [{\"table\": \"contact\", \"fetchXml\": \"<fetch><entity name='contact'><attribute name='fullname'/><filter>"
        + "<condition attribute='new_memberid' operator='" + op + "' value='${MemberId}'/></filter></entity></fetch>\""
        + (placeholderOperators != null ? ", \"placeholderOperators\": " + placeholderOperators : string.Empty) + "}]}";

    private static EntityReference Member(Omnichannel org, string name, string memberId)
    {
        var contact = org.Contact(name);
        org.Service.Update(new Entity("contact", contact.Id) { ["new_memberid"] = memberId });
        return contact;
    }

    // The attack: Victoria's member id is L-1049; the visitor types L-1048, one below it.
    [Fact]
    public void A_gt_rule_is_refused_so_a_visitor_typing_the_id_below_someone_elses_links_nobody()
    {
        var org = new Omnichannel(MemberRule("gt"));
        Member(org, "Ann Smith", "L-1047");
        Member(org, "Victoria Victim", "L-1049");

        var conversation = org.StartConversation(("MemberId", "L-1048"));

        Assert.NotNull(org.Org.Find(Schema.Conversation.Table, conversation));
        Assert.Null(org.CustomerOf(conversation));
        Assert.StartsWith("Error: the step's configuration is invalid, so identification was skipped: $.rules[0].fetchXml (line 1, column 45) compares \"${MemberId}\" "
            + "with operator \"gt\" in the condition on \"new_memberid\", which a placeholder takes only when its rule opts in: a range lets a visitor pick a record "
            + "without knowing its value (typing L-1048 against gt finds L-1049). To accept that, give the rule \"placeholderOperators\": [\"eq\", \"in\", \"gt\"]",
            org.OutcomeOf(conversation), StringComparison.Ordinal);
    }

    [Fact]
    public void An_eq_rule_links_only_the_member_whose_id_was_typed()
    {
        var org = new Omnichannel(MemberRule("eq"));
        Member(org, "Ann Smith", "L-1047");
        var victoria = Member(org, "Victoria Victim", "L-1049");

        var guessed = org.StartConversation(("MemberId", "L-1048"));
        var known = org.StartConversation(("MemberId", "L-1049"));

        Assert.Null(org.CustomerOf(guessed));
        Assert.Equal(victoria, org.CustomerOf(known));
    }

    // What the opt-in costs, shown as it is: the admin accepted that a visitor picks a record without knowing its value.
    [Fact]
    public void An_admin_who_opts_in_to_gt_lets_a_visitor_pick_the_next_member()
    {
        var org = new Omnichannel(MemberRule("gt", """["eq", "gt"]"""));
        Member(org, "Ann Smith", "L-1047");
        var victoria = Member(org, "Victoria Victim", "L-1049");

        var conversation = org.StartConversation(("MemberId", "L-1048"));

        Assert.Equal(victoria, org.CustomerOf(conversation));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("L-10%")]
    [InlineData("L-104_")]
    [InlineData("[L]-1049")]
    public void An_opted_in_like_rule_matches_a_typed_wildcard_only_as_itself(string typed)
    {
        var org = new Omnichannel(MemberRule("like", """["like"]"""));
        Member(org, "Ann Smith", "L-1047");
        Member(org, "Victoria Victim", "L-1049");

        var conversation = org.StartConversation(("MemberId", typed));

        Assert.Null(org.CustomerOf(conversation));
        Assert.StartsWith("No record found", org.OutcomeOf(conversation), StringComparison.Ordinal);
    }

    [Fact]
    public void An_opted_in_like_rule_links_the_member_whose_id_holds_the_typed_wildcard_characters()
    {
        var org = new Omnichannel(MemberRule("like", """["like"]"""));
        var literal = Member(org, "Percy Percent", "L-10%_[1]");
        Member(org, "Victoria Victim", "L-1049");
        Member(org, "Bea Bait", "L-10x_1");

        var conversation = org.StartConversation(("MemberId", "l-10%_[1]"));

        Assert.Equal(literal, org.CustomerOf(conversation));
    }

    [Fact]
    public void An_opted_in_begins_with_rule_reads_a_typed_percent_as_text()
    {
        var org = new Omnichannel(MemberRule("begins-with", """["begins-with"]"""));
        var victoria = Member(org, "Victoria Victim", "L-1049");

        var wildcard = org.StartConversation(("MemberId", "%1049"));
        var prefix = org.StartConversation(("MemberId", "L-104"));

        Assert.Null(org.CustomerOf(wildcard));
        Assert.Equal(victoria, org.CustomerOf(prefix));
    }

    [Fact]
    public void A_placeholder_in_an_inner_link_entity_links_the_contact_whose_account_matches()
    {
        var org = new Omnichannel("""
            {"rules": [{"table": "contact", "fetchXml": "<fetch><entity name='contact'><attribute name='fullname'/><link-entity name='account' from='accountid' to='parentcustomerid'><filter><condition attribute='accountnumber' operator='eq' value='${AccountNumber}'/></filter></link-entity></entity></fetch>"}]}
            """);
        var contoso = org.Account("Contoso");
        org.Service.Update(new Entity("account", contoso.Id) { ["accountnumber"] = "ACC-100" });
        var fabrikam = org.Account("Fabrikam");
        org.Service.Update(new Entity("account", fabrikam.Id) { ["accountnumber"] = "ACC-200" });
        var ann = org.Contact("Ann Smith");
        org.Service.Update(new Entity("contact", ann.Id) { ["parentcustomerid"] = contoso });
        var bob = org.Contact("Bob Jones");
        org.Service.Update(new Entity("contact", bob.Id) { ["parentcustomerid"] = fabrikam });

        var conversation = org.StartConversation(("AccountNumber", "ACC-100"));

        Assert.Equal(ann, org.CustomerOf(conversation));
    }
}
