using Identification.Plugins.Tests.Support;
using Xunit;

namespace Identification.Plugins.Tests.Behaviour;

/// <summary>SPEC §3.4–3.5: the case by number, the customer it gives, and the customer's single active case.</summary>
public class CaseRuleTests
{
    [Fact]
    public void Links_the_case_by_its_number_and_its_customer_with_it()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        var incident = org.Case("CAS-01001", ann);

        var conversation = org.StartConversation(("CaseNumber", "CAS-01001"));

        Assert.Equal(incident, org.CaseOf(conversation));
        Assert.Equal(ann.Id, org.CustomerOf(conversation)!.Id);
        Assert.StartsWith("Linked: case CAS-01001 (matched CaseNumber); its customer, contact", org.OutcomeOf(conversation));
    }

    [Fact]
    public void Links_the_case_when_it_belongs_to_the_identified_customer()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        org.Case("CAS-01000", ann);
        var incident = org.Case("CAS-01001", ann);

        var conversation = org.StartConversation(("Email", "ann@contoso.com"), ("CaseNumber", "cas-01001"));

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Equal(incident, org.CaseOf(conversation));
    }

    [Fact]
    public void Does_not_link_a_case_that_belongs_to_another_customer()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        var bob = org.Contact("Bob Jones", "bob@fabrikam.com");
        org.Case("CAS-02002", bob);

        var conversation = org.StartConversation(("Email", "ann@contoso.com"), ("CaseNumber", "CAS-02002"));

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Null(org.CaseOf(conversation));
        Assert.Contains("case CAS-02002 matches CaseNumber but belongs to another customer, so it is not linked", org.OutcomeOf(conversation));
    }

    [Fact]
    public void Ignores_a_resolved_case()
    {
        var org = new Omnichannel();
        org.Case("CAS-01001", org.Contact("Ann Smith"), state: 1);

        var conversation = org.StartConversation(("CaseNumber", "CAS-01001"));

        Assert.Null(org.CaseOf(conversation));
        Assert.Null(org.CustomerOf(conversation));
    }

    [Fact]
    public void Links_the_customers_only_active_case()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        var open = org.Case("CAS-01001", ann);
        org.Case("CAS-00990", ann, state: 1);

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        Assert.Equal(open, org.CaseOf(conversation));
        Assert.Equal("Linked: contact \"Ann Smith\" (unverified: matched Email); case CAS-01001, the customer's only active case.", org.OutcomeOf(conversation));
    }

    [Fact]
    public void Links_no_case_when_the_customer_has_two_active_cases()
    {
        var org = new Omnichannel();
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        org.Case("CAS-01001", ann);
        org.Case("CAS-01002", ann);

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Null(org.CaseOf(conversation));
        Assert.Contains("the customer's active cases are several, so none is linked", org.OutcomeOf(conversation));
    }

    [Fact]
    public void Can_be_told_not_to_link_the_single_active_case()
    {
        var org = new Omnichannel("""{"linkSingleActiveCase": false}""");
        var ann = org.Contact("Ann Smith", "ann@contoso.com");
        org.Case("CAS-01001", ann);

        var conversation = org.StartConversation(("Email", "ann@contoso.com"));

        Assert.Equal(ann, org.CustomerOf(conversation));
        Assert.Null(org.CaseOf(conversation));
    }

    [Fact]
    public void Does_not_link_when_two_cases_share_a_number()
    {
        var org = new Omnichannel();
        org.Case("CAS-01001", org.Contact("Ann Smith"));
        org.Case("CAS-01001", org.Contact("Bob Jones"));

        var conversation = org.StartConversation(("CaseNumber", "CAS-01001"));

        Assert.Null(org.CaseOf(conversation));
        Assert.StartsWith("Several records found: several cases match CaseNumber", org.OutcomeOf(conversation));
    }
}
