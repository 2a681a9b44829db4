using System;
using System.Globalization;

namespace Identification.Identify.Generation;

/// <summary>
/// Deterministic building blocks of generated records: ids, names, emails and phone numbers derived from an
/// index and a seed, so a row can be re-created (or referenced) from its number alone without storing it.
/// </summary>
internal static class SyntheticPeople
{
    private static readonly string[] FirstNames =
    [
        "Aaron", "Abigail", "Adele", "Ahmed", "Aiko", "Alejandro", "Amara", "Ana", "Anders", "Anika", "Arjun", "Beatriz",
        "Bjorn", "Camila", "Chen", "Chloe", "Daniel", "Dmitri", "Elena", "Emeka", "Emma", "Fatima", "Felix", "Grace",
        "Hana", "Hiroshi", "Ines", "Isaac", "Jamal", "Jana", "Javier", "Jin", "Kavya", "Kofi", "Laila", "Lars",
        "Leila", "Liam", "Lucia", "Mateo", "Maya", "Mei", "Mohammed", "Nadia", "Nikos", "Nora", "Olga", "Omar",
        "Priya", "Rafael", "Ravi", "Rosa", "Sakura", "Samuel", "Sofia", "Tariq", "Thandiwe", "Tomas", "Yara", "Zoe",
    ];

    private static readonly string[] LastNames =
    [
        "Abe", "Adeyemi", "Alvarez", "Andersen", "Bauer", "Bianchi", "Brown", "Carvalho", "Chen", "Costa", "Dubois",
        "Dvorak", "Eriksson", "Fernandez", "Fischer", "Garcia", "Gupta", "Haddad", "Hansen", "Ivanova", "Jensen",
        "Kim", "Kowalski", "Kumar", "Larsen", "Lee", "Lopez", "Mbeki", "Moreau", "Mueller", "Nakamura", "Nguyen",
        "Novak", "Okafor", "Olsen", "Park", "Patel", "Petrov", "Popescu", "Quinn", "Rossi", "Santos", "Schmidt",
        "Silva", "Singh", "Smith", "Sousa", "Tanaka", "Takahashi", "Tran", "Virtanen", "Wagner", "Walker",
        "Wang", "Weber", "Wilson", "Yamamoto", "Yilmaz", "Zhang", "Zielinski",
    ];

    private static readonly string[] CompanyWords =
    [
        "Alpine", "Blue", "Bright", "Cedar", "Coastal", "Copper", "Crescent", "Delta", "Evergreen", "Falcon", "Granite",
        "Harbor", "Horizon", "Iron", "Juniper", "Keystone", "Lakeside", "Maple", "Meridian", "Northwind", "Oak",
        "Pacific", "Pinnacle", "Prairie", "Quarry", "Redwood", "Ridge", "River", "Silver", "Summit", "Tidal", "Vista",
    ];

    private static readonly string[] CompanyKinds =
    [
        "Bikes", "Builders", "Cafe", "Clinic", "Consulting", "Designs", "Electric", "Foods", "Freight", "Games",
        "Insurance", "Labs", "Logistics", "Media", "Motors", "Outfitters", "Pharmacy", "Robotics", "Supplies",
        "Textiles", "Traders", "Travel", "Vineyards", "Works",
    ];

    private static readonly string[] CaseTitles =
    [
        "Order arrived damaged", "Refund not received", "Cannot sign in", "Invoice shows the wrong amount",
        "Delivery is late", "Warranty claim", "Change of address", "Product stopped working", "Missing parts",
        "Question about my plan", "Cancel subscription", "Duplicate charge",
    ];

    // North American area codes; numbers are synthetic (see the README).
    private static readonly string[] AreaCodes =
    [
        "206", "212", "303", "312", "404", "415", "425", "503", "512", "617", "702",
        "713", "720", "804", "808", "813", "858", "907", "919", "971", "980",
    ];

    /// <summary>Which numbering space a phone number comes from, so generated sets never share a number by accident.</summary>
    public enum PhoneSpace
    {
        Contacts = 0,
        Accounts = 1,
        Fixtures = 2,
    }

    /// <summary>A well-mixed 64-bit value from a seed, a table tag and an index (SplitMix64).</summary>
    public static ulong Mix(int seed, ulong tag, long index)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + tag * 0xBF58476D1CE4E5B9UL + (ulong)index * 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A random-looking but reproducible version-4-shaped GUID.</summary>
    public static Guid Id(int seed, ulong tag, long index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Mix(seed, tag, index));
        BitConverter.TryWriteBytes(bytes[8..], Mix(seed, tag ^ 0x5555UL, index));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public static (string First, string Last) Name(ulong mixed) =>
        (FirstNames[(int)(mixed % (ulong)FirstNames.Length)], LastNames[(int)(mixed / 1000 % (ulong)LastNames.Length)]);

    public static string Company(ulong mixed) =>
        CompanyWords[(int)(mixed % (ulong)CompanyWords.Length)] + " " + CompanyKinds[(int)(mixed / 1000 % (ulong)CompanyKinds.Length)];

    public static string CaseTitle(ulong mixed) => CaseTitles[(int)(mixed % (ulong)CaseTitles.Length)];

    /// <summary>Lower-case, letters only: for email local parts and domains.</summary>
    public static string Slug(string text)
    {
        Span<char> buffer = stackalloc char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    /// <summary>
    /// A unique North American number in E.164 (+1 area exchange line) for index <paramref name="n"/> of a space;
    /// each space holds 7 area codes x 799 exchanges x 10,000 lines.
    /// </summary>
    public static string Phone(PhoneSpace space, long n)
    {
        var (area, exchange, line) = PhoneParts(space, n);
        return string.Create(CultureInfo.InvariantCulture, $"+1{area}{exchange}{line:D4}");
    }

    /// <summary>The parts of <see cref="Phone"/>, for writing the same number in other formats.</summary>
    public static (string Area, int Exchange, int Line) PhoneParts(PhoneSpace space, long n)
    {
        // A multiplier coprime with the capacity permutes the numbers: unique, but not visibly sequential.
        const long Capacity = 7L * 799 * 10_000;
        if (n < 0 || n >= Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "Each phone space holds 55,930,000 numbers.");
        }

        var shuffled = (n * 48_271 + 12_345) % Capacity;
        var area = AreaCodes[(int)space * 7 + (int)(shuffled % 7)];
        var rest = shuffled / 7;
        var exchange = 200 + (int)(rest / 10_000 % 799);
        if (exchange >= 555)
        {
            exchange++; // 555 is left out of the generated numbering.
        }

        return (area, exchange, (int)(rest % 10_000));
    }

    /// <summary>Dataverse-style case number: CAS-01001-X3Y4Z5.</summary>
    public static string TicketNumber(int seed, long serial)
    {
        const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var mixed = Mix(seed, 0xCA5E, serial);
        Span<char> code = stackalloc char[6];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[(int)(mixed % (ulong)Alphabet.Length)];
            mixed /= (ulong)Alphabet.Length;
        }

        return string.Create(CultureInfo.InvariantCulture, $"CAS-{serial:D5}-{code}");
    }
}
