using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Identification.Identify.Conversations;
using Identification.Identify.Data;
using Identification.Plugins;
using Microsoft.Xrm.Sdk;
using static Identification.Identify.Generation.SyntheticPeople;

namespace Identification.Identify.Generation;

/// <summary>Sizes and seed of a generated data set.</summary>
internal sealed record GeneratorOptions(int Contacts, int Accounts, int Cases, int Conversations, int Seed = 1)
{
    /// <summary>Accounts and cases scale with contacts unless given: one account per ten contacts, one case per five.</summary>
    public static GeneratorOptions ForContacts(int contacts, int? accounts = null, int? cases = null, int? conversations = null, int seed = 1) =>
        new(contacts, accounts ?? Math.Max(1, contacts / 10), cases ?? Math.Max(1, contacts / 5), conversations ?? 300, seed);
}

/// <summary>How the generator writes tables.</summary>
internal enum TableFormat
{
    Json,
    Csv,
}

/// <summary>
/// Generates an organization's contacts, accounts and cases plus conversations that exercise every SPEC §3
/// scenario, deterministically from a seed. Background rows (the bulk: a million contacts for the scale run)
/// are computed from their index and streamed; each conversation gets its own small set of fixture rows, so
/// its expected links are known exactly and written into the conversation line.
/// </summary>
internal sealed class SampleGenerator
{
    /// <summary>The unsecure configuration the scenarios assume: numbers without a country code are North American.</summary>
    public const string Configuration = "{\n  \"defaultCountryCode\": \"1\"\n}\n";

    private const ulong ContactTag = 1;
    private const ulong AccountTag = 2;
    private const ulong CaseTag = 3;

    private static readonly (string Name, Func<SampleGenerator, int, ConversationInput> Build)[] ScenarioBuilders =
    [
        ("one contact match", (g, n) => g.OneContact(n)),
        ("one account match", (g, n) => g.OneAccount(n)),
        ("several contacts, one account", (g, n) => g.SeveralContactsOneAccount(n)),
        ("several contacts and several accounts", (g, n) => g.SeveralOfBoth(n)),
        ("no match", (g, n) => g.NoMatch(n)),
        ("case by number", (g, n) => g.CaseByNumber(n)),
        ("case gives the customer", (g, n) => g.CaseGivesCustomer(n)),
        ("case of another customer", (g, n) => g.CaseOfAnotherCustomer(n)),
        ("case number of another customer with answers that match nobody", (g, n) => g.CaseNumberAttack(n)),
        ("single active case", (g, n) => g.SingleActiveCase(n)),
        ("two active cases", (g, n) => g.TwoActiveCases(n)),
        ("inactive contact", (g, n) => g.InactiveContact(n)),
        ("inactive case", (g, n) => g.InactiveCase(n)),
        ("custom status reason", (g, n) => g.CustomStatusReason(n)),
        ("phone written in another format", (g, n) => g.PhoneInAnotherFormat(n)),
        ("phone stored verbatim", (g, n) => g.PhoneStoredVerbatim(n)),
        ("late case number", (g, n) => g.LateCaseNumber(n)),
        ("late evidence only", (g, n) => g.LateEvidenceOnly(n)),
        ("late evidence that contradicts itself", (g, n) => g.LateContradiction(n)),
        ("late phone narrows a shared email", (g, n) => g.LatePhoneNarrows(n)),
        ("late texter number and name", (g, n) => g.LateTexterAndName(n)),
        ("late case number of another customer", (g, n) => g.LateCaseOfAnotherCustomer(n)),
        ("existing customer kept", (g, n) => g.ExistingCustomerKept(n)),
        ("existing case kept", (g, n) => g.ExistingCaseKept(n)),
        ("signed-in contact", (g, n) => g.SignedInContact(n)),
        ("signed-in contact, typed answers of someone else", (g, n) => g.SignedInContradicted(n)),
        ("signed-in id of an inactive contact", (g, n) => g.SignedInInactive(n)),
        ("signed-in contact with a custom status reason", (g, n) => g.SignedInCustomStatus(n)),
        ("signed-in id that is not a GUID", (g, n) => g.SignedInNotAGuid(n)),
        ("signed-in id of an account", (g, n) => g.SignedInAccount(n)),
        ("contact id on an unauthenticated chat", (g, n) => g.UnauthenticatedId(n)),
        ("late signed-in identity", (g, n) => g.LateSignedIn(n)),
    ];

    private readonly GeneratorOptions _options;
    private readonly Random _random;
    private readonly List<Entity> _fixtureContacts = new();
    private readonly List<Entity> _fixtureAccounts = new();
    private readonly List<Entity> _fixtureCases = new();
    private readonly List<ConversationInput> _conversations = new();
    private int _fixturePhones;
    private int _fixtureEmails;

    public SampleGenerator(GeneratorOptions options)
    {
        if (options.Contacts < 1 || options.Accounts < 1 || options.Cases < 0 || options.Conversations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "At least one contact and one account; cases and conversations not negative.");
        }

        _options = options;
        _random = new Random(options.Seed);
        for (var i = 0; i < options.Conversations; i++)
        {
            var (name, build) = ScenarioBuilders[i % ScenarioBuilders.Length];
            var conversation = build(this, i);
            _conversations.Add(conversation with { Line = i + 1, Scenario = name });
        }
    }

    /// <summary>The scenario names, in the order conversations cycle through them.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = ScenarioBuilders.Select(s => s.Name).ToArray();

    public IReadOnlyList<ConversationInput> Conversations => _conversations;

    /// <summary>Background contacts, then the scenarios' contacts.</summary>
    public IEnumerable<Entity> Contacts() =>
        Enumerable.Range(0, _options.Contacts).Select(BackgroundContact).Concat(_fixtureContacts);

    /// <summary>Background accounts, then the scenarios' accounts.</summary>
    public IEnumerable<Entity> Accounts() =>
        Enumerable.Range(0, _options.Accounts).Select(BackgroundAccount).Concat(_fixtureAccounts);

    /// <summary>The scenarios' cases, then background cases (numbered after them).</summary>
    public IEnumerable<Entity> Cases() =>
        _fixtureCases.Concat(Enumerable.Range(0, _options.Cases).Select(BackgroundCase));

    /// <summary>All rows, table by table, for seeding an organization directly.</summary>
    public IEnumerable<Entity> AllRows() => Contacts().Concat(Accounts()).Concat(Cases());

    /// <summary>
    /// Writes <c>data/contact.*</c>, <c>data/account.*</c>, <c>data/incident.*</c>, <c>conversations.jsonl</c> and
    /// <c>config.json</c> under <paramref name="directory"/>; returns the row counts per file.
    /// </summary>
    public IReadOnlyList<(string File, long Rows)> WriteTo(string directory, TableFormat format)
    {
        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(data);
        foreach (var stale in Directory.EnumerateFiles(data, "*.*").Where(f => Path.GetExtension(f) is ".json" or ".csv"))
        {
            File.Delete(stale);
        }

        var written = new List<(string, long)>
        {
            WriteTable(data, Schema.Contact.Table, format, Contacts(),
                [Schema.Contact.Id, Schema.Contact.FullName, "firstname", "lastname", Schema.Contact.Email, Schema.Contact.MobilePhone, "parentcustomerid", "statecode", "statuscode"]),
            WriteTable(data, Schema.Account.Table, format, Accounts(),
                [Schema.Account.Id, Schema.Account.Name, Schema.Account.Email, Schema.Account.Telephone1, Schema.Account.AccountNumber, "statecode", "statuscode"]),
            WriteTable(data, Schema.Incident.Table, format, Cases(),
                [Schema.Incident.Id, Schema.Incident.TicketNumber, Schema.Incident.Title, Schema.Incident.Customer, "statecode", "statuscode"]),
        };

        var conversationsPath = Path.Combine(directory, "conversations.jsonl");
        using (var writer = new StreamWriter(conversationsPath) { NewLine = "\n" })
        {
            foreach (var conversation in _conversations)
            {
                ConversationFile.Write(writer, conversation);
            }
        }

        written.Add(("conversations.jsonl", _conversations.Count));
        File.WriteAllText(Path.Combine(directory, "config.json"), Configuration);
        return written;
    }

    private static (string, long) WriteTable(string directory, string table, TableFormat format, IEnumerable<Entity> rows, string[] columns)
    {
        var file = table + (format == TableFormat.Csv ? ".csv" : ".json");
        var path = Path.Combine(directory, file);
        var count = format == TableFormat.Csv ? TableFileWriter.WriteCsv(path, columns, rows) : TableFileWriter.WriteJson(path, rows);
        return (file, count);
    }

    // ---- Background rows: computed from their index, never stored. ----

    private Entity BackgroundContact(int i)
    {
        var mixed = Mix(_options.Seed, ContactTag, i);
        var (first, last) = Name(mixed);
        var contact = NewRow(Schema.Contact.Table, Schema.Contact.Id, Id(_options.Seed, ContactTag, i));
        contact[Schema.Contact.FullName] = first + " " + last;
        contact["firstname"] = first;
        contact["lastname"] = last;
        contact[Schema.Contact.Email] = string.Create(CultureInfo.InvariantCulture, $"{Slug(first)}.{Slug(last)}.{i}@example.com");
        contact[Schema.Contact.MobilePhone] = Phone(PhoneSpace.Contacts, i);
        if (mixed % 10 < 6)
        {
            contact["parentcustomerid"] = new EntityReference(Schema.Account.Table, Id(_options.Seed, AccountTag, i % _options.Accounts));
        }

        // One in twenty contacts is inactive, as in an organization that deactivates rather than deletes.
        var inactive = mixed / 7 % 20 == 0;
        contact[Schema.StateCode] = new OptionSetValue(inactive ? 1 : 0);
        contact["statuscode"] = new OptionSetValue(inactive ? 2 : 1);
        return contact;
    }

    private Entity BackgroundAccount(int j)
    {
        var mixed = Mix(_options.Seed, AccountTag, j);
        var company = Company(mixed);
        var account = NewRow(Schema.Account.Table, Schema.Account.Id, Id(_options.Seed, AccountTag, j));
        account[Schema.Account.Name] = string.Create(CultureInfo.InvariantCulture, $"{company} {j + 1}");
        account[Schema.Account.Email] = string.Create(CultureInfo.InvariantCulture, $"info@{Slug(company)}{j + 1}.example.net");
        account[Schema.Account.Telephone1] = Phone(PhoneSpace.Accounts, j);
        account[Schema.Account.AccountNumber] = string.Create(CultureInfo.InvariantCulture, $"ACC-{j + 1:D7}");
        account[Schema.StateCode] = new OptionSetValue(0);
        account["statuscode"] = new OptionSetValue(1);
        return account;
    }

    private Entity BackgroundCase(int k)
    {
        var mixed = Mix(_options.Seed, CaseTag, k);
        var byAccount = mixed % 5 == 0;
        var customer = byAccount
            ? new EntityReference(Schema.Account.Table, Id(_options.Seed, AccountTag, (long)(mixed / 5 % (ulong)_options.Accounts)))
            : new EntityReference(Schema.Contact.Table, Id(_options.Seed, ContactTag, (long)(mixed / 5 % (ulong)_options.Contacts)));
        // 60% active, 30% resolved (status 5), 10% cancelled (status 6).
        var bucket = mixed / 11 % 10;
        var (state, status) = bucket < 6 ? (0, 1) : bucket < 9 ? (1, 5) : (2, 6);
        return NewCase(_fixtureCases.Count + k + 1, Id(_options.Seed, CaseTag, k), customer, state, status, CaseTitle(mixed / 13));
    }

    // ---- Scenario fixtures: a few rows per conversation, with known expected links. ----

    private ConversationInput OneContact(int n)
    {
        var contact = NewContact();
        return Chat(Context(("Name", FullName(contact)), ("Email", Email(contact))), Expect(contact, null));
    }

    private ConversationInput OneAccount(int n)
    {
        var account = NewAccount();
        return Chat(Context(("Name", account.GetAttributeValue<string>(Schema.Account.Name)), ("Email", Email(account))), Expect(account, null));
    }

    private ConversationInput SeveralContactsOneAccount(int n)
    {
        // Two employees answer from the company's shared inbox, which is also the account's email.
        var account = NewAccount();
        var shared = Email(account);
        NewContact(email: shared);
        NewContact(email: shared);
        return Chat(Context(("Email", shared)), Expect(account, null));
    }

    private ConversationInput SeveralOfBoth(int n)
    {
        var shared = NextFixtureEmail("orders", "example.org");
        NewAccount(email: shared);
        NewAccount(email: shared);
        NewContact(email: shared);
        NewContact(email: shared);
        return Chat(Context(("Email", shared)), Expect(null, null));
    }

    private ConversationInput NoMatch(int n)
    {
        var (first, last) = Name((ulong)_random.NextInt64());
        var email = NextFixtureEmail("unknown", "example.invalid");
        return Chat(Context(("Name", first + " " + last), ("Email", email)), Expect(null, null));
    }

    private ConversationInput CaseByNumber(int n)
    {
        var contact = NewContact();
        var @case = NewFixtureCase(contact);
        return Chat(Context(("Name", FullName(contact)), ("Email", Email(contact)), ("CaseNumber", Ticket(@case))), Expect(contact, @case));
    }

    private ConversationInput CaseGivesCustomer(int n)
    {
        var owner = n / ScenarioBuilders.Length % 2 == 0 ? NewContact() : NewAccount();
        var @case = NewFixtureCase(owner);
        return Chat(Context(("CaseNumber", Ticket(@case))), Expect(owner, @case));
    }

    private ConversationInput CaseOfAnotherCustomer(int n)
    {
        var visitor = NewContact();
        var someoneElse = NewContact();
        var @case = NewFixtureCase(someoneElse);
        return Chat(Context(("Email", Email(visitor)), ("CaseNumber", Ticket(@case))), Expect(visitor, null));
    }

    private ConversationInput CaseNumberAttack(int n)
    {
        // A visitor types a name, email and phone that match nobody, and someone else's case number (short, guessable,
        // printed in every email): the case's customer contradicts every answer, so neither she nor her case is linked.
        var victim = NewContact();
        var @case = NewFixtureCase(victim);
        var (first, last) = Name((ulong)_random.NextInt64());
        return Chat(Context(
            ("Name", first + " " + last),
            ("Email", NextFixtureEmail("unknown", "example.invalid")),
            ("Phone", Phone(PhoneSpace.Fixtures, _fixturePhones++)),
            ("CaseNumber", Ticket(@case))), Expect(null, null));
    }

    private ConversationInput SingleActiveCase(int n)
    {
        var contact = NewContact();
        var active = NewFixtureCase(contact);
        NewFixtureCase(contact, state: 1, status: 5);
        return Chat(Context(("Email", Email(contact))), Expect(contact, active));
    }

    private ConversationInput TwoActiveCases(int n)
    {
        var contact = NewContact();
        NewFixtureCase(contact);
        NewFixtureCase(contact);
        return Chat(Context(("Email", Email(contact))), Expect(contact, null));
    }

    private ConversationInput InactiveContact(int n)
    {
        var contact = NewContact(state: 1, status: 2);
        return Chat(Context(("Name", FullName(contact)), ("Email", Email(contact))), Expect(null, null));
    }

    private ConversationInput InactiveCase(int n)
    {
        // Resolved and cancelled cases alternate; neither is linked, and the customer has no active case either.
        var contact = NewContact();
        var cancelled = n / ScenarioBuilders.Length % 2 == 1;
        var @case = NewFixtureCase(contact, state: cancelled ? 2 : 1, status: cancelled ? 6 : 5);
        return Chat(Context(("Email", Email(contact)), ("CaseNumber", Ticket(@case))), Expect(contact, null));
    }

    private ConversationInput CustomStatusReason(int n)
    {
        // Status reasons added by a customizer (100000000+) on active rows: statecode decides, not statuscode.
        var contact = NewContact(status: 100_000_001);
        var @case = NewFixtureCase(contact, status: 100_000_002);
        return Chat(Context(("Email", Email(contact)), ("CaseNumber", Ticket(@case))), Expect(contact, @case));
    }

    private ConversationInput PhoneInAnotherFormat(int n)
    {
        var number = _fixturePhones++;
        var contact = NewContact(phone: Phone(PhoneSpace.Fixtures, number));
        var (area, exchange, line) = PhoneParts(PhoneSpace.Fixtures, number);
        var round = n / ScenarioBuilders.Length;
        var written = (round % 3) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"+1 ({area}) {exchange}-{line:D4}"),
            1 => string.Create(CultureInfo.InvariantCulture, $"001 {area} {exchange} {line:D4}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"({area}) {exchange}-{line:D4}"), // needs defaultCountryCode
        };
        var expect = Expect(contact, null);
        return (round % 3) switch
        {
            0 => new ConversationInput(0, NewId(), Channel.Sms, [], written, [], null, null, Expect: expect),
            1 => new ConversationInput(0, NewId(), Channel.Voice, [], written, [], null, null, Expect: expect),
            _ => Chat(Context(("Phone", written)), expect),
        };
    }

    private ConversationInput PhoneStoredVerbatim(int n)
    {
        // Stored as typed by a user, not in E.164: the same text still finds it.
        var (area, exchange, line) = PhoneParts(PhoneSpace.Fixtures, _fixturePhones++);
        var verbatim = string.Create(CultureInfo.InvariantCulture, $"{area}.{exchange}.{line:D4}");
        var contact = NewContact(phone: verbatim);
        return new ConversationInput(0, NewId(), Channel.Voice, [], verbatim, [], null, null, Expect: Expect(contact, null));
    }

    private ConversationInput LateCaseNumber(int n)
    {
        // At creation the customer is found but has two active cases; the bot later supplies the case number.
        var contact = NewContact();
        NewFixtureCase(contact);
        var asked = NewFixtureCase(contact);
        return Chat(Context(("Email", Email(contact))), Expect(contact, asked)) with { Late = Context(("CaseNumber", Ticket(asked))) };
    }

    private ConversationInput LateEvidenceOnly(int n)
    {
        // Nothing is known at creation; the page calls setContextProvider afterwards. Email comes first: each
        // late variable re-runs identification, and a name alone could match someone else with that name.
        var contact = NewContact();
        return Chat([], Expect(contact, null)) with { Late = Context(("Email", Email(contact)), ("Name", FullName(contact))) };
    }

    private ConversationInput LateContradiction(int n)
    {
        // The name of one contact and the email of another, in either order: nobody, whatever arrives first.
        var named = NewContact();
        var mailed = NewContact();
        return Chat([], Expect(null, null)) with { Late = Context(("Name", FullName(named)), ("Email", Email(mailed))) };
    }

    private ConversationInput LatePhoneNarrows(int n)
    {
        // A shared inbox alone gives the account; with the phone, the one contact who has both.
        var account = NewAccount();
        var shared = Email(account);
        var caller = NewContact(email: shared);
        NewContact(email: shared);
        return Chat([], Expect(caller, null)) with
        {
            Late = Context(("Email", shared), ("Phone", caller.GetAttributeValue<string>(Schema.Contact.MobilePhone))),
        };
    }

    private ConversationInput LateTexterAndName(int n)
    {
        // The SMS context and the typed name arrive after the conversation, in either order.
        var contact = NewContact();
        var national = contact.GetAttributeValue<string>(Schema.Contact.MobilePhone).Substring("+1".Length);
        return new ConversationInput(0, NewId(), Channel.Sms, [], national, Context(("Name", FullName(contact))), null, null, Expect: Expect(contact, null));
    }

    private ConversationInput LateCaseOfAnotherCustomer(int n)
    {
        // Someone else's case number first links its owner and the case; the visitor's own email then replaces both.
        var visitor = NewContact();
        var someoneElse = NewContact();
        var @case = NewFixtureCase(someoneElse);
        return Chat([], Expect(visitor, null)) with { Late = Context(("CaseNumber", Ticket(@case)), ("Email", Email(visitor))) };
    }

    private ConversationInput ExistingCustomerKept(int n)
    {
        var visitor = NewContact();
        var alreadyLinked = NewContact();
        return Chat(Context(("Email", Email(visitor))), Expect(alreadyLinked, null)) with { Customer = Link(alreadyLinked) };
    }

    private ConversationInput ExistingCaseKept(int n)
    {
        var contact = NewContact();
        var linked = NewFixtureCase(contact);
        var other = NewFixtureCase(contact);
        return Chat(Context(("Email", Email(contact)), ("CaseNumber", Ticket(other))), Expect(contact, linked)) with { Case = Link(linked) };
    }

    // ---- Signed-in chats: the live-chat context's portal contact id (the JWT "sub" claim) and whether it is authenticated. ----

    private ConversationInput SignedInContact(int n)
    {
        // The visitor skipped the pre-chat answers; the portal vouches for who they are.
        var contact = NewContact();
        return Chat([], Expect(contact, null)) with { Portal = SignedIn(contact) };
    }

    private ConversationInput SignedInContradicted(int n)
    {
        // The typed answers are another contact's, who alone would be linked: the signed-in contact is, and the outcome notes the rest.
        var signedIn = NewContact();
        var typed = NewContact();
        return Chat(Context(("Name", FullName(typed)), ("Email", Email(typed))), Expect(signedIn, null)) with { Portal = SignedIn(signedIn) };
    }

    private ConversationInput SignedInInactive(int n)
    {
        // A deactivated contact is not trusted as signed in; the email typed is that of the visitor's active record.
        var inactive = NewContact(state: 1, status: 2);
        var active = NewContact();
        return Chat(Context(("Email", Email(active))), Expect(active, null)) with { Portal = SignedIn(inactive) };
    }

    private ConversationInput SignedInCustomStatus(int n)
    {
        // Microsoft's built-in rule expects the default active status reason; any status reason of an active contact works here.
        var contact = NewContact(status: 100_000_001);
        return Chat([], Expect(contact, null)) with { Portal = SignedIn(contact) };
    }

    private ConversationInput SignedInNotAGuid(int n)
    {
        // A portal that sends its own user id instead of the contact's: not a record id, so only the typed email counts.
        var contact = NewContact();
        var subject = string.Create(CultureInfo.InvariantCulture, $"auth0|{(ulong)_random.NextInt64():x16}");
        return Chat(Context(("Email", Email(contact))), Expect(contact, null)) with { Portal = new PortalIdentity(subject, Authenticated: true) };
    }

    private ConversationInput SignedInAccount(int n)
    {
        // The guide allows an account's id; with the default signedInTables (contact) it is not used.
        var account = NewAccount();
        return Chat([], Expect(null, null)) with { Portal = SignedIn(account) };
    }

    private ConversationInput UnauthenticatedId(int n)
    {
        // An anonymous chat whose page passed a contact's id anyway: anyone can, so it is not trusted.
        var contact = NewContact();
        return Chat([], Expect(null, null)) with { Portal = SignedIn(contact) with { Authenticated = false } };
    }

    private ConversationInput LateSignedIn(int n)
    {
        // Another contact's email links them at creation; the live-chat context and that contact's name arrive later,
        // in either order, and the signed-in contact is the customer at the end.
        var signedIn = NewContact();
        var typed = NewContact();
        return Chat(Context(("Email", Email(typed))), Expect(signedIn, null)) with
        {
            Portal = SignedIn(signedIn),
            Late = Context(("Name", FullName(typed))),
        };
    }

    // ---- Helpers ----

    private static PortalIdentity SignedIn(Entity record) => new(record.Id.ToString("D"), Authenticated: true);

    private ConversationInput Chat(IReadOnlyList<ContextValue> context, Expectation expect) =>
        new(0, NewId(), Channel.Chat, context, null, [], null, null, Expect: expect);

    private static List<ContextValue> Context(params (string Name, string Value)[] values) =>
        values.Select(v => new ContextValue(v.Name, v.Value)).ToList();

    private static Expectation Expect(Entity? customer, Entity? @case) =>
        new(customer is null ? null : Link(customer), @case is null ? null : Link(@case));

    private static RecordLink Link(Entity row) => new(row.LogicalName, row.Id);

    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private string NextFixtureEmail(string prefix, string domain) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}.{++_fixtureEmails}@{domain}");

    private Entity NewContact(string? email = null, string? phone = null, int state = 0, int status = 1)
    {
        var (first, last) = Name((ulong)_random.NextInt64());
        var contact = NewRow(Schema.Contact.Table, Schema.Contact.Id, NewId());
        contact[Schema.Contact.FullName] = first + " " + last;
        contact["firstname"] = first;
        contact["lastname"] = last;
        contact[Schema.Contact.Email] = email ?? NextFixtureEmail(Slug(first) + "." + Slug(last), "example.org");
        contact[Schema.Contact.MobilePhone] = phone ?? Phone(PhoneSpace.Fixtures, _fixturePhones++);
        contact[Schema.StateCode] = new OptionSetValue(state);
        contact["statuscode"] = new OptionSetValue(status);
        _fixtureContacts.Add(contact);
        return contact;
    }

    private Entity NewAccount(string? email = null)
    {
        var company = Company((ulong)_random.NextInt64());
        var number = _fixtureAccounts.Count + 1;
        var account = NewRow(Schema.Account.Table, Schema.Account.Id, NewId());
        account[Schema.Account.Name] = string.Create(CultureInfo.InvariantCulture, $"{company} Group {number}");
        account[Schema.Account.Email] = email ?? NextFixtureEmail("hello." + Slug(company), "example.org");
        account[Schema.Account.Telephone1] = Phone(PhoneSpace.Fixtures, _fixturePhones++);
        account[Schema.Account.AccountNumber] = string.Create(CultureInfo.InvariantCulture, $"FIX-{number:D6}");
        account[Schema.StateCode] = new OptionSetValue(0);
        account["statuscode"] = new OptionSetValue(1);
        _fixtureAccounts.Add(account);
        return account;
    }

    private Entity NewFixtureCase(Entity customer, int state = 0, int status = 1)
    {
        var @case = NewCase(_fixtureCases.Count + 1, NewId(), customer.ToEntityReference(), state, status, CaseTitle((ulong)_random.NextInt64()));
        _fixtureCases.Add(@case);
        return @case;
    }

    private Entity NewCase(long serial, Guid id, EntityReference customer, int state, int status, string title)
    {
        var @case = NewRow(Schema.Incident.Table, Schema.Incident.Id, id);
        @case[Schema.Incident.TicketNumber] = TicketNumber(_options.Seed, serial);
        @case[Schema.Incident.Title] = title;
        @case[Schema.Incident.Customer] = new EntityReference(customer.LogicalName, customer.Id);
        @case[Schema.StateCode] = new OptionSetValue(state);
        @case["statuscode"] = new OptionSetValue(status);
        return @case;
    }

    private static Entity NewRow(string table, string key, Guid id)
    {
        var row = new Entity(table, id);
        row[key] = id;
        return row;
    }

    private static string FullName(Entity contact) => contact.GetAttributeValue<string>(Schema.Contact.FullName);

    private static string Email(Entity row) => row.GetAttributeValue<string>(Schema.Contact.Email);

    private static string Ticket(Entity @case) => @case.GetAttributeValue<string>(Schema.Incident.TicketNumber);
}
