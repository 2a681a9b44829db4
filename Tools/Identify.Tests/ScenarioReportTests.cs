using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Identification.Identify.Conversations;
using Identification.Identify.Generation;
using Identification.Identify.Replay;
using Identification.LocalOrg;
using Identification.Plugins;
using Identification.Plugins.Configuration;
using Identification.Plugins.Links;
using Xunit.Abstractions;

namespace Identification.Identify.Tests;

/// <summary>
/// The cost of every SPEC §3 scenario, counted (not timed) from LocalOrg's record of each plug-in run, and checked
/// against SPEC §6: per run, at most one query per customer table when a Name, Email or Phone input is present and
/// none otherwise; at most one case query for a CaseNumber plus one for the single active case once a customer is
/// known; each of them TopCount 2 with explicit columns; one read of the conversation's state, and one more to verify
/// only when the run wrote; at most one write each for the links, the outcome and its code (which holds the claims).
/// A signed-in identity (an authenticated live-chat context whose portal contact id is a GUID) is an input of its own:
/// one more query, by id, of each table in signedInTables (contact by default), whether or not typed answers follow.
/// Runs the plug-in starts itself (depth 2, from its own writes) must not query at all.
/// The markdown table goes to the test output and to scenario-report.md next to the test assembly.
/// </summary>
public class ScenarioReportTests(ITestOutputHelper output)
{
    private static readonly string[] CustomerTables = [Schema.Contact.Table, Schema.Account.Table];

    /// <summary>The input a run has once an authenticated live-chat context with a GUID has arrived.</summary>
    private const string SignedInInput = "signed-in id";

    private static readonly IReadOnlyList<string> SignedInTables =
        IdentificationSettings.Parse(SampleGenerator.Configuration).SignedInRules.Select(r => r.Table).ToList();

    [Fact]
    public void Every_scenario_stays_within_the_query_and_write_budget_of_SPEC_section_6()
    {
        var generator = new SampleGenerator(GeneratorOptions.ForContacts(200, conversations: SampleGenerator.Scenarios.Count));
        var session = new ReplaySession(SampleGenerator.Configuration);
        session.Seed(Schema.Contact.Table, generator.Contacts());
        session.Seed(Schema.Account.Table, generator.Accounts());
        session.Seed(Schema.Incident.Table, generator.Cases());

        var report = new StringBuilder();
        report.AppendLine("| Scenario | Channel | Inputs (at creation; then later) | Plug-in runs | contact / account / incident queries | Evidence reads | Writes: links + items | Within SPEC §6 |");
        report.AppendLine("|---|---|---|---:|---|---|---|---|");
        var violations = new List<string>();
        foreach (var conversation in generator.Conversations)
        {
            var result = session.Replay(conversation);
            Assert.True(result.MeetsExpectation, $"{conversation.Scenario}: {result.Outcome}");

            var problems = Check(conversation, result);
            violations.AddRange(problems.Select(p => $"{conversation.Scenario}: {p}"));
            report.AppendLine(Row(conversation, result, problems));
        }

        var markdown = report.ToString();
        output.WriteLine(markdown);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "scenario-report.md"), markdown);
        Assert.Empty(violations);
    }

    /// <summary>What each top-level run (depth 1) could know: the context at creation, then each piece that arrived.</summary>
    private static List<HashSet<string>> InputsPerTopLevelRun(ConversationInput conversation)
    {
        var known = new HashSet<string>(conversation.Context.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        var stages = new List<HashSet<string>> { new(known, StringComparer.OrdinalIgnoreCase) };
        if (conversation.Channel != Channel.Chat)
        {
            known.Add("Phone");
            stages.Add(new HashSet<string>(known, StringComparer.OrdinalIgnoreCase));
        }
        else if (conversation.Portal is { } portal)
        {
            // The live-chat context runs identification again whatever it says; only a GUID that is authenticated is looked up.
            if (IsSignedIn(portal))
            {
                known.Add(SignedInInput);
            }

            stages.Add(new HashSet<string>(known, StringComparer.OrdinalIgnoreCase));
        }

        foreach (var late in conversation.Late)
        {
            known.Add(late.Name);
            stages.Add(new HashSet<string>(known, StringComparer.OrdinalIgnoreCase));
        }

        return stages;
    }

    private static List<string> Check(ConversationInput conversation, ReplayResult result)
    {
        var problems = new List<string>();
        var stages = InputsPerTopLevelRun(conversation);
        var topLevel = 0;
        foreach (var run in result.Runs)
        {
            var queries = run.Queries;
            var inputs = run.Depth == 1 && topLevel < stages.Count ? stages[topLevel++] : [];
            var customerInput = inputs.Overlaps(["Name", "Email", "Phone"]);
            var caseInput = inputs.Contains("CaseNumber");

            foreach (var table in CustomerTables)
            {
                var count = queries.Count(q => q.EntityName == table);
                var budget = (customerInput ? 1 : 0) + (inputs.Contains(SignedInInput) && SignedInTables.Contains(table) ? 1 : 0);
                if (count > budget)
                {
                    problems.Add($"{Describe(run)} queried {table} {count} times (budget {budget})");
                }
            }

            var cases = queries.Count(q => q.EntityName == Schema.Incident.Table);
            // The single active case (SPEC §3.5) needs one more case query once the run knows a customer.
            var caseBudget = (caseInput ? 1 : 0) + (customerInput || caseInput || result.Customer is not null ? 1 : 0);
            if (cases > caseBudget)
            {
                problems.Add($"{Describe(run)} queried incident {cases} times (budget {caseBudget})");
            }

            foreach (var query in queries.Where(IsCustomerOrCaseQuery))
            {
                if (query.TopCount != 2 || query.AllColumns || query.Columns.Count == 0)
                {
                    problems.Add($"{Describe(run)}: {query} must ask for two rows and name its columns");
                }
            }

            var writes = run.Writes;
            var outcome = PluginItems.OutcomeId(conversation.Id);
            var code = PluginItems.CodeId(conversation.Id);
            var linkWrites = writes.Count(w => w.EntityName == Schema.Conversation.Table);
            var outcomeWrites = writes.Count(w => w.Id == outcome);
            var codeWrites = writes.Count(w => w.Id == code);
            if (linkWrites > 1 || outcomeWrites > 1 || codeWrites > 1 || writes.Count > linkWrites + outcomeWrites + codeWrites)
            {
                problems.Add($"{Describe(run)} wrote {string.Join("; ", writes)}");
            }

            var stateReads = queries.Count(q => q.EntityName == Schema.Conversation.Table);
            var readBudget = run.Depth > 1 ? 0 : writes.Count > 0 ? 2 : 1;
            if (stateReads != readBudget)
            {
                problems.Add($"{Describe(run)} read the conversation's state {stateReads} times (expected {readBudget})");
            }
        }

        return problems;
    }

    private static bool IsSignedIn(PortalIdentity portal) => portal.Authenticated && Guid.TryParse(portal.PortalContactId, out _);

    private static string Describe(PortalIdentity portal) =>
        IsSignedIn(portal) ? SignedInInput : portal.Authenticated ? "portal id, not a GUID" : "portal id, not authenticated";

    private static bool IsCustomerOrCaseQuery(QueryRecord query) =>
        query.EntityName is Schema.Contact.Table or Schema.Account.Table or Schema.Incident.Table;

    private static string Describe(PluginRun run) => $"run on {run.MessageName} of {run.PrimaryEntityName} (depth {run.Depth})";

    private static string Row(ConversationInput conversation, ReplayResult result, List<string> problems)
    {
        var queries = result.Runs.SelectMany(r => r.Queries).ToList();
        var writes = result.Runs.SelectMany(r => r.Writes).ToList();
        var inputs = string.Join(", ", conversation.Context.Select(c => c.Name));
        var engagement = conversation.Channel != Channel.Chat ? "Phone" : conversation.Portal is { } portal ? Describe(portal) : null;
        var later = string.Join(", ", new[] { engagement }.OfType<string>().Concat(conversation.Late.Select(c => c.Name)));
        if (later.Length > 0)
        {
            inputs += (inputs.Length > 0 ? "; then " : "then ") + later;
        }

        if (conversation.Customer is not null || conversation.Case is not null)
        {
            inputs += " (already linked: " + string.Join(", ", new[] { conversation.Customer is null ? null : "customer", conversation.Case is null ? null : "case" }.OfType<string>()) + ")";
        }

        int Count(string table) => queries.Count(q => q.EntityName == table);
        var other = string.Join(", ", queries.Where(q => !IsCustomerOrCaseQuery(q))
            .GroupBy(q => q.EntityName)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}")));
        var links = writes.Count(w => w.EntityName == Schema.Conversation.Table);
        var outcomes = writes.Count(w => w.EntityName == Schema.ContextItem.Table);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {conversation.Scenario} | {conversation.Channel.ToString().ToLowerInvariant()} | {(inputs.Length == 0 ? "none" : inputs)} | {result.Runs.Count} | "
            + $"{Count(Schema.Contact.Table)} / {Count(Schema.Account.Table)} / {Count(Schema.Incident.Table)} | {(other.Length == 0 ? "none" : other)} | {links} + {outcomes} | "
            + $"{(problems.Count == 0 ? "yes" : "NO: " + string.Join("; ", problems))} |");
    }
}
