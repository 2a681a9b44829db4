using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Identification.Identify.Ask;
using Identification.Identify.Audit;
using Identification.Identify.Generation;
using Identification.Identify.Phones;
using Identification.Identify.Replay;
using Identification.LocalOrg;

namespace Identification.Identify.Cli;

/// <summary>
/// The <c>identify</c> command line: <c>replay</c> (the default, on the bundled sample when given no files) and
/// <c>generate</c>. Output and error writers are parameters so tests run it in-process.
/// </summary>
internal static class IdentifyCli
{
    /// <summary>Where the bundled sample sits next to the tool (copied from the repository's samples/).</summary>
    public static string SampleDirectory => Path.Combine(AppContext.BaseDirectory, "samples");

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command; returns the exit code (0 ok, 1 bad input or usage).
    /// <paramref name="terminal"/> says standard output is a terminal (replay then prints the table, not JSON lines).
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool errorIsTerminal, TerminalOutput? terminal = null)
    {
        var root = Build(output, error, errorIsTerminal, terminal);
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static RootCommand Build(TextWriter output, TextWriter error, bool errorIsTerminal, TerminalOutput? terminal)
    {
        var data = new Option<string?>("--data") { Description = "Directory of exported tables: <logicalname>.json or <logicalname>.csv per table.", HelpName = "DIR" };
        var conversations = new Option<string?>("--conversations") { Description = "JSON lines file, one conversation per line.", HelpName = "FILE" };
        var config = new Option<string?>("--config") { Description = "The plug-in's unsecure configuration (JSON). Default: the built-in rules.", HelpName = "FILE" };
        var outFile = new Option<string?>("--out") { Description = "Write the JSON lines results here instead of stdout.", HelpName = "FILE" };
        var orders = new Option<string>("--orders") { Description = "file: late evidence arrives in file order; all: also in every other order (up to 120 per conversation), reporting results that depend on it.", DefaultValueFactory = _ => "file" };
        orders.AcceptOnlyFromAmong("file", "all");
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (one file, no network): outcome shares, queries and writes, every conversation with its evidence and outcome.", HelpName = "FILE" };
        var showValues = new Option<bool>("--show-values") { Description = "Show names, emails and phone numbers in the HTML report instead of masking them." };
        var json = new Option<bool>("--json") { Description = "JSON lines on stdout even when it is a terminal (they are the default when stdout is redirected)." };
        var collation = CollationOption();

        var replay = new Command("replay", "Replay conversations through the plug-in's registered steps on an in-memory organization and report what would be linked. Without --data and --conversations: the bundled sample.")
        {
            data, conversations, config, outFile, orders, json, html, showValues, collation,
        };
        replay.SetAction(parse => Guarded(error, () =>
        {
            var outputs = new ReplayOutput(parse.GetValue(outFile), parse.GetValue(json), parse.GetValue(html), parse.GetValue(showValues), terminal);
            var dataDirectory = parse.GetValue(data);
            var conversationsFile = parse.GetValue(conversations);
            if (dataDirectory is null && conversationsFile is null)
            {
                return ReplaySample(output, error, errorIsTerminal, parse.GetValue(config), outputs, parse.GetValue(orders) == "all", Collation(parse.GetValue(collation)));
            }

            if (dataDirectory is null || conversationsFile is null)
            {
                error.WriteLine("identify replay: give both --data and --conversations, or neither to replay the bundled sample.");
                return 1;
            }

            return ReplayCommand.Run(new ReplayOptions(dataDirectory, conversationsFile, parse.GetValue(config), outputs, parse.GetValue(orders) == "all", Collation(parse.GetValue(collation))),
                output, error, errorIsTerminal);
        }));

        var contacts = new Option<int>("--contacts") { Description = "Background contacts (the scenarios add their own).", DefaultValueFactory = _ => 200 };
        var accounts = new Option<int?>("--accounts") { Description = "Background accounts. Default: contacts / 10." };
        var cases = new Option<int?>("--cases") { Description = "Background cases. Default: contacts / 5." };
        var conversationCount = new Option<int>("--conversations") { Description = "Conversations, cycling through every scenario.", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Same seed, same files.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "Table file format.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var directory = new Option<string>("--out") { Description = "Directory to write data/, conversations.jsonl and config.json into.", Required = true, HelpName = "DIR" };

        var generate = new Command("generate", "Generate a deterministic data set: contacts, accounts, cases and conversations covering every identification scenario.")
        {
            contacts, accounts, cases, conversationCount, seed, format, directory,
        };
        generate.SetAction(parse => Guarded(error, () =>
        {
            var count = parse.GetValue(contacts);
            var options = GeneratorOptions.ForContacts(count, parse.GetValue(accounts), parse.GetValue(cases), parse.GetValue(conversationCount), parse.GetValue(seed));
            return Generate(options, parse.GetValue(format) == "csv" ? TableFormat.Csv : TableFormat.Json, parse.GetValue(directory)!, error);
        }));

        var phones = Phones(output, error);
        var ask = Ask(output, error);
        var audit = Audit(output, error, errorIsTerminal);

        var root = new RootCommand("identify: replay Omnichannel conversations through the customer identification plug-in, locally.")
        {
            replay, generate, phones, ask, audit,
        };
        root.SetAction(_ => Guarded(error, () => ReplaySample(output, error, errorIsTerminal, null, new ReplayOutput(null, Json: false, null, ShowValues: false, terminal), allOrders: false)));
        return root;
    }

    private static Command Phones(TextWriter output, TextWriter error)
    {
        var data = new Option<string>("--data") { Description = "Directory of exported tables: contact and account, as .json or .csv (the formats replay reads).", Required = true, HelpName = "DIR" };
        var country = new Option<string?>("--default-country") { Description = "The country of numbers stored without a country code: a calling code (1, 44) or a region (US, GB). Without it such numbers are ambiguous.", HelpName = "CODE|REGION" };
        var columns = new Option<string[]>("--columns") { Description = "Phone columns of a table, replacing its defaults (contact: mobilephone, telephone1..3; account: telephone1, telephone2). Repeatable; TABLE= checks none.", HelpName = "TABLE=COLUMN,…", AllowMultipleArgumentsPerToken = false };
        var outFile = new Option<string?>("--out") { Description = "Write the fixes (CSV: id, table, column, old_value, new_value) here instead of stdout.", HelpName = "FILE" };
        var requests = new Option<string?>("--requests") { Description = "Also write the fixes as Web API PATCH requests (a JSON array, one per record).", HelpName = "FILE" };

        var phones = new Command("phones", "Propose the E.164 form of every stored phone number of exported contacts and accounts that is not in E.164 (libphonenumber), as a CSV and as Web API PATCH requests.")
        {
            data, country, columns, outFile, requests,
        };
        phones.SetAction(parse => Guarded(error, () => PhonesCommand.Run(
            new PhonesOptions(parse.GetValue(data)!, parse.GetValue(country), parse.GetValue(columns) ?? [], parse.GetValue(outFile), parse.GetValue(requests)),
            output, error)));
        return phones;
    }

    private static Command Audit(TextWriter output, TextWriter error, bool errorIsTerminal)
    {
        var data = new Option<string>("--data") { Description = "Directory of exported tables (the formats replay reads): the tables the configuration searches.", Required = true, HelpName = "DIR" };
        var config = new Option<string?>("--config") { Description = "The plug-in's unsecure configuration (JSON). Default: the built-in rules.", HelpName = "FILE" };
        var conversations = new Option<string?>("--conversations") { Description = "Conversations (the replay format) to estimate the outcomes with, and what-if variants of the main options.", HelpName = "FILE" };
        var json = new Option<string?>("--json") { Description = "Write every finding as JSON here ({\"findings\": [...], \"summary\": {...}}).", HelpName = "FILE" };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report here (one file, no network).", HelpName = "FILE" };
        var csv = new Option<string?>("--csv") { Description = "Write the records to clean here: one row per record and finding.", HelpName = "FILE" };
        var showValues = new Option<bool>("--show-values") { Description = "Show names, emails and phone numbers instead of masking them (a***@example.com)." };
        var collation = CollationOption();

        var audit = new Command("audit", "Report what in the data will stop identification (shared identifiers, phone numbers found only verbatim, records without identifier, ...) and estimate the identification rate, before go-live.")
        {
            data, config, conversations, json, html, csv, showValues, collation,
        };
        audit.SetAction(parse => Guarded(error, () => AuditCommand.Run(
            new AuditOptions(parse.GetValue(data)!, parse.GetValue(config), parse.GetValue(conversations), parse.GetValue(json), parse.GetValue(html), parse.GetValue(csv),
                parse.GetValue(showValues), Collation(parse.GetValue(collation))),
            output, error, errorIsTerminal)));
        return audit;
    }

    /// <summary>--collation: how the environment compares text, from its database collation (Settings, "Language" of the base language).</summary>
    private static Option<string> CollationOption()
    {
        var option = new Option<string>("--collation")
        {
            Description = "How the environment compares text: CI_AI (case- and accent-insensitive, the default) or CI_AS (accent-sensitive, e.g. Finnish, Romanian, Croatian environments).",
            DefaultValueFactory = _ => "CI_AI",
        };
        option.AcceptOnlyFromAmong("CI_AI", "CI_AS", "ci_ai", "ci_as");
        return option;
    }

    private static CollationMode Collation(string? value) =>
        string.Equals(value, "CI_AS", StringComparison.OrdinalIgnoreCase) ? CollationMode.AccentSensitive : CollationMode.AccentInsensitive;

    private static Command Ask(TextWriter output, TextWriter error)
    {
        var data = new Option<string>("--data") { Description = "Directory of exported tables (the formats replay reads).", Required = true, HelpName = "DIR" };
        var config = new Option<string?>("--config") { Description = "The plug-in's unsecure configuration (JSON). Default: the built-in rules.", HelpName = "FILE" };
        var name = new Option<string?>("--name") { Description = "The Name input." };
        var email = new Option<string?>("--email") { Description = "The Email input." };
        var phone = new Option<string?>("--phone") { Description = "The Phone input." };
        var caseNumber = new Option<string?>("--case-number") { Description = "The CaseNumber input." };
        var link = new Option<bool>("--link") { Description = "Link on the conversation (Link = true)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object keyed by the response property names." };

        var ask = new Command("ask", "Call idf_IdentifyCustomer on a new open conversation in an organization seeded from the exported data, as a bot or flow would, and print the response.")
        {
            data, config, name, email, phone, caseNumber, link, json,
        };
        ask.SetAction(parse => Guarded(error, () => AskCommand.Run(
            new AskOptions(parse.GetValue(data)!, parse.GetValue(config), parse.GetValue(name), parse.GetValue(email), parse.GetValue(phone), parse.GetValue(caseNumber),
                parse.GetValue(link), parse.GetValue(json)),
            output, error)));
        return ask;
    }

    private static int ReplaySample(TextWriter output, TextWriter error, bool errorIsTerminal, string? config, ReplayOutput outputs, bool allOrders,
        CollationMode collation = CollationMode.AccentInsensitive)
    {
        var sample = SampleDirectory;
        if (!Directory.Exists(Path.Combine(sample, "data")))
        {
            error.WriteLine($"identify: the bundled sample is missing ({sample}); build the tool from the repository, or pass --data and --conversations.");
            return 1;
        }

        var sampleConfig = Path.Combine(sample, "config.json");
        error.WriteLine($"Replaying the bundled sample ({sample}).");
        return ReplayCommand.Run(
            new ReplayOptions(Path.Combine(sample, "data"), Path.Combine(sample, "conversations.jsonl"), config ?? (File.Exists(sampleConfig) ? sampleConfig : null), outputs, allOrders, collation),
            output, error, errorIsTerminal);
    }

    private static int Generate(GeneratorOptions options, TableFormat format, string directory, TextWriter error)
    {
        if (options.Contacts < 1 || options.Accounts < 1 || options.Cases < 0 || options.Conversations < 0)
        {
            error.WriteLine("identify generate: --contacts and --accounts must be at least 1; --cases and --conversations not negative.");
            return 1;
        }

        var generator = new SampleGenerator(options);
        foreach (var (file, rows) in generator.WriteTo(directory, format))
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {rows:N0} rows to {file}."));
        }

        error.WriteLine($"Replay it with: identify replay --data {Path.Combine(directory, "data")} --conversations {Path.Combine(directory, "conversations.jsonl")} --config {Path.Combine(directory, "config.json")}");
        return 0;
    }

    /// <summary>The one place input problems become a message and exit code 1; anything else is a bug and propagates.</summary>
    private static int Guarded(TextWriter error, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (InputFileException ex)
        {
            error.WriteLine("identify: " + ex.Message);
            return 1;
        }
        catch (IOException ex)
        {
            error.WriteLine("identify: " + ex.Message);
            return 1;
        }
        catch (UnauthorizedAccessException ex)
        {
            error.WriteLine("identify: " + ex.Message);
            return 1;
        }
    }
}
