using System.Linq;
using Identification.Identify.Generation;
using Identification.Identify.Replay;
using Identification.Plugins;

namespace Identification.Benchmarks;

/// <summary>Builds the generated organization once per benchmark case (a million contacts take seconds).</summary>
internal static class Organizations
{
    /// <summary>
    /// The replay tool's organization (the plug-in's real steps registered with the sample configuration) seeded
    /// with <paramref name="contacts"/> background contacts, a tenth as many accounts, a fifth as many cases, and
    /// the fixture rows of <paramref name="conversations"/> scenario conversations. Fixtures do not depend on the
    /// background size, so both sizes replay the same conversations against the same fixture rows.
    /// </summary>
    public static (ReplaySession Session, SampleGenerator Generator) Build(int contacts, int conversations)
    {
        var generator = new SampleGenerator(GeneratorOptions.ForContacts(contacts, conversations: conversations));
        var session = new ReplaySession(SampleGenerator.Configuration);
        session.Seed(Schema.Contact.Table, generator.Contacts());
        session.Seed(Schema.Account.Table, generator.Accounts());
        session.Seed(Schema.Incident.Table, generator.Cases());
        return (session, generator);
    }

    /// <summary>A contact's email from the middle of the table (seeded order), for lookups that must not hit early.</summary>
    public static string MiddleEmail(SampleGenerator generator, int contacts) =>
        generator.Contacts().Skip(contacts / 2).First().GetAttributeValue<string>(Schema.Contact.Email);
}
