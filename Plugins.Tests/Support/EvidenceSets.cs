using System.Collections.Generic;
using System.Linq;

namespace Identification.Plugins.Tests.Support;

/// <summary>Realistic evidence sets for one conversation, each with the records it needs (issue 9's table among them).</summary>
internal static class EvidenceSets
{
    private const string AnnsMobile = "+14255550101";
    private const string KimsMobile = "+14255550102";

    public static IReadOnlyList<EvidenceScenario> All { get; } = new[]
    {
        new EvidenceScenario("the name of one contact and the email of another",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com");
                r["Bob"] = org.Contact("Bob Jones", "bob@example.com");
            },
            new Piece[] { new Piece.Variable("Name", "Ann Smith"), new Piece.Variable("Email", "bob@example.com") }),

        new EvidenceScenario("a case number of another customer and the visitor's email",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com");
                r["Bob"] = org.Contact("Bob Jones", "bob@example.com");
                r["Bob's case"] = org.Case("CAS-02002", r["Bob"]);
            },
            new Piece[] { new Piece.Variable("CaseNumber", "CAS-02002"), new Piece.Variable("Email", "ann@example.com") }),

        new EvidenceScenario("a shared email resolved by a later name",
            (org, r) =>
            {
                r["Ann Smith"] = org.Contact("Ann Smith", "family@example.com");
                r["Ann Jones"] = org.Contact("Ann Jones", "family@example.com");
            },
            new Piece[] { new Piece.Variable("Email", "family@example.com"), new Piece.Variable("Name", "Ann Jones") }),

        new EvidenceScenario("an account match replaced by a contact match once the phone is known",
            (org, r) =>
            {
                r["Sam"] = org.Contact("Sam Lee", "office@contoso.com", AnnsMobile);
                r["Kim"] = org.Contact("Kim Lee", "office@contoso.com", KimsMobile);
                r["Contoso"] = org.Account("Contoso", "office@contoso.com");
            },
            new Piece[] { new Piece.Variable("Email", "office@contoso.com"), new Piece.Variable("Phone", AnnsMobile) }),

        new EvidenceScenario("an agent's link survives a typed email",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com");
                r["Bob"] = org.Contact("Bob Jones", "bob@example.com");
                r["Bob's case"] = org.Case("CAS-03003", r["Bob"]);
            },
            new Piece[] { new Piece.Variable("Email", "ann@example.com"), new Piece.Variable("Topic", "Billing") },
            agentLinksCustomer: "Bob"),

        new EvidenceScenario("the SMS number and a typed name",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com", AnnsMobile);
                r["Other Ann"] = org.Contact("Ann Smith", "other.ann@example.com", KimsMobile);
            },
            new Piece[] { new Piece.Text("4255550101", "1"), new Piece.Variable("Name", "Ann Smith") }),

        new EvidenceScenario("the caller's number and the caller's case number",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com", AnnsMobile);
                r["Ann's case"] = org.Case("CAS-07007", r["Ann"]);
                r["Ann's other case"] = org.Case("CAS-07008", r["Ann"]);
            },
            new Piece[] { new Piece.Call(AnnsMobile), new Piece.Variable("CaseNumber", "CAS-07007") }),

        new EvidenceScenario("a name, then an email that contradicts it, then a phone",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com", AnnsMobile);
            },
            new Piece[] { new Piece.Variable("Name", "Ann Smith"), new Piece.Variable("Email", "someone@else.example"), new Piece.Variable("Phone", AnnsMobile) }),

        new EvidenceScenario("an email and the customer's own case number",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com");
                r["Ann's first case"] = org.Case("CAS-09001", r["Ann"]);
                r["Ann's second case"] = org.Case("CAS-09002", r["Ann"]);
            },
            new Piece[] { new Piece.Variable("Email", "ann@example.com"), new Piece.Variable("CaseNumber", "CAS-09002") }),

        new EvidenceScenario("a bot corrects the typed email",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com");
                r["Bob"] = org.Contact("Bob Jones", "bob@example.com");
            },
            new Piece[] { new Piece.Variable("Email", "ann@example.com"), new Piece.Changed("Email", "bob@example.com") }),

        new EvidenceScenario("two callers' numbers must both match",
            (org, r) =>
            {
                r["Dual"] = org.Contact("Dana Dual", "dana@example.com", AnnsMobile, telephone1: KimsMobile);
                r["Single"] = org.Contact("Sid Single", "sid@example.com", AnnsMobile);
            },
            new Piece[] { new Piece.Call(AnnsMobile), new Piece.Call(KimsMobile) },
            configuration: "{\"phoneColumns\": {\"contact\": [\"mobilephone\", \"telephone1\"]}}"),

        new EvidenceScenario("duplicates, then a phone that picks one, and an unrelated variable",
            (org, r) =>
            {
                r["Pat A"] = org.Contact("Pat Doe", "pat@example.com", AnnsMobile);
                r["Pat B"] = org.Contact("Pat Doe", "pat@example.com");
            },
            new Piece[] { new Piece.Variable("Email", "pat@example.com"), new Piece.Variable("Phone", AnnsMobile), new Piece.Variable("Topic", "Billing") }),

        new EvidenceScenario("duplicates that stay duplicates",
            (org, r) =>
            {
                r["Ann A"] = org.Contact("Ann Smith", "ann@example.com");
                r["Ann B"] = org.Contact("Ann Smith", "ann@example.com");
            },
            new Piece[] { new Piece.Variable("Name", "Ann Smith"), new Piece.Variable("Email", "ann@example.com") }),

        new EvidenceScenario("a case number and the email of its customer",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com");
                r["Ann's case"] = org.Case("CAS-14014", r["Ann"]);
            },
            new Piece[] { new Piece.Variable("CaseNumber", "CAS-14014"), new Piece.Variable("Email", "ann@example.com") }),

        new EvidenceScenario("a signed-in customer who typed someone else's email",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com");
                r["Bob"] = org.Contact("Bob Jones", "bob@example.com");
            },
            new Piece[] { new Piece.Variable("Email", "bob@example.com"), new Piece.SignIn("Ann") }),

        new EvidenceScenario("a signed-in customer, their case number and another's phone",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com", AnnsMobile);
                r["Kim"] = org.Contact("Kim Lee", "kim@example.com", KimsMobile);
                r["Ann's case"] = org.Case("CAS-15015", r["Ann"]);
                r["Kim's case"] = org.Case("CAS-15016", r["Kim"]);
            },
            new Piece[] { new Piece.Variable("Phone", KimsMobile), new Piece.SignIn("Ann"), new Piece.Variable("CaseNumber", "CAS-15015") }),

        new EvidenceScenario("an unauthenticated portal id and the visitor's email",
            (org, r) =>
            {
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com");
                r["Bob"] = org.Contact("Bob Jones", "bob@example.com");
            },
            new Piece[] { new Piece.SignIn("Bob", Authenticated: false), new Piece.Variable("Email", "ann@example.com") }),

        new EvidenceScenario("the signed-in id of an inactive contact and a typed email",
            (org, r) =>
            {
                r["Gone"] = org.Contact("Ann Smith", "ann@example.com", state: 1, status: 2);
                r["Ann"] = org.Contact("Ann Smith", "ann@example.com");
            },
            new Piece[] { new Piece.SignIn("Gone"), new Piece.Variable("Email", "ann@example.com") }),

        new EvidenceScenario("another customer's case number with typed answers that match nobody",
            (org, r) =>
            {
                r["Victoria"] = org.Contact("Victoria Victim", "victoria@example.com", AnnsMobile);
                r["Victoria's case"] = org.Case("CAS-01001-X1Y2Z3", r["Victoria"]);
            },
            new Piece[]
            {
                new Piece.Variable("Name", "Mallory Attacker"), new Piece.Variable("CaseNumber", "CAS-01001-X1Y2Z3"),
                new Piece.Variable("Email", "mallory@evil.test"),
            }),
    };

    public static EvidenceScenario Named(string name) => All.Single(s => s.Name == name);
}
