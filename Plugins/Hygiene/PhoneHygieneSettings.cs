using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Identification.Plugins.Configuration;

namespace Identification.Plugins.Hygiene;

/// <summary>
/// The phone number hygiene step's unsecure configuration (JSON), parsed once when Dataverse constructs the plug-in:
/// which phone columns of contact and account it rewrites, and the default country calling code. Empty means the
/// defaults; anything unknown is an error, never a guess. The two options are spelled as in the identification step's
/// configuration, so the same values can be copied from one to the other.
/// </summary>
public sealed class PhoneHygieneSettings
{
    private static readonly string[] KnownOptions = { "phoneColumns", "defaultCountryCode" };

    // As in IdentificationSettings: \z, not $, so that a final line break is not let through.
    private static readonly Regex LogicalName = new Regex(@"^[a-z][a-z0-9_]{0,63}\z", RegexOptions.CultureInvariant);

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _columns;

    private PhoneHygieneSettings(IReadOnlyDictionary<string, IReadOnlyList<string>> columns, string? defaultCountryCode)
    {
        _columns = columns;
        DefaultCountryCode = defaultCountryCode;
    }

    /// <summary>
    /// The columns rewritten when the configuration names none for a table: every phone column Microsoft's own voice
    /// identification reads (contact mobilephone and telephone1..3; account telephone1 and telephone2). The Update steps
    /// filter on the same columns (<see cref="Registration.PhoneHygieneSteps"/>), and <c>identify phones</c> checks them.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> DefaultColumns { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Schema.Contact.Table] = new[] { Schema.Contact.MobilePhone, Schema.Contact.Telephone1, Schema.Contact.Telephone2, Schema.Contact.Telephone3 },
        [Schema.Account.Table] = new[] { Schema.Account.Telephone1, Schema.Account.Telephone2 },
    };

    /// <summary>The defaults: <see cref="DefaultColumns"/>, no default country code.</summary>
    public static PhoneHygieneSettings Default { get; } = Parse(null);

    /// <summary>Digits of the country calling code for numbers written without one, or null (only numbers with their country code are rewritten).</summary>
    public string? DefaultCountryCode { get; }

    /// <summary>The phone columns of <paramref name="table"/> to rewrite; empty for a table that has none.</summary>
    public IReadOnlyList<string> ColumnsOf(string table) =>
        _columns.TryGetValue(table, out var columns) ? columns : Array.Empty<string>();

    /// <summary>
    /// Parses the step's unsecure configuration; throws <see cref="ConfigurationException"/> saying what to fix and where
    /// (the JSON path, line and column).
    /// </summary>
    public static PhoneHygieneSettings Parse(string? json)
    {
        var columns = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var table in DefaultColumns)
        {
            columns.Add(table.Key, table.Value);
        }

        string? defaultCountryCode = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return new PhoneHygieneSettings(columns, null);
        }

        foreach (var option in JsonValue.Parse(json!).Members())
        {
            var value = option.Value;
            switch (option.Key)
            {
                case "phoneColumns":
                    foreach (var table in value.Members())
                    {
                        columns[RequireTable(table.Key, table.Value)] = ReadColumns(table.Value);
                    }

                    break;
                case "defaultCountryCode":
                    defaultCountryCode = IdentificationSettings.ReadDefaultCountry(value);
                    break;
                default:
                    throw new ConfigurationException("Unknown option " + JsonValue.Quote(option.Key) + " at " + value.Path
                        + " (" + JsonValue.Where(value.Line, value.Column) + "). The phone number hygiene step knows " + string.Join(" and ", KnownOptions) + ".");
            }
        }

        return new PhoneHygieneSettings(columns, defaultCountryCode);
    }

    private static string RequireTable(string table, JsonValue where)
    {
        if (!DefaultColumns.ContainsKey(table))
        {
            throw where.Error("names the table " + JsonValue.Quote(table) + "; the phone number hygiene step runs on \"contact\" and \"account\"");
        }

        return table;
    }

    private static List<string> ReadColumns(JsonValue list)
    {
        var columns = new List<string>();
        foreach (var item in list.Items())
        {
            var column = item.AsString();
            if (!LogicalName.IsMatch(column))
            {
                throw item.Error("must be a column's logical name (lowercase letters, digits, underscores); it is " + JsonValue.Quote(column));
            }

            if (columns.Contains(column))
            {
                throw item.Error("lists " + column + " a second time; list each column once");
            }

            columns.Add(column);
        }

        return columns;
    }
}
