using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Identification.LocalOrg;
using Identification.Plugins;
using Identification.Plugins.Configuration;
using Identification.Plugins.Identification;
using PluginPhoneNumbers = Identification.Plugins.Identification.PhoneNumbers;

namespace Identification.Identify.Audit;

/// <summary>How the phone numbers of the rules' phone columns (active records) are stored, as the plug-in reads them.</summary>
internal sealed class PhoneFormats
{
    /// <summary>Stored in E.164 ("+14255550100").</summary>
    public int E164 { get; set; }

    /// <summary>Stored with their country code in a written form the plug-in looks up ("+1 (425) 555-0100").</summary>
    public int WrittenInternational { get; set; }

    /// <summary>Stored without country code, found through <c>defaultCountryCode</c>.</summary>
    public int NeedsDefaultCountry { get; set; }

    /// <summary>Found only when typed exactly as stored.</summary>
    public int VerbatimOnly { get; set; }

    /// <summary>Found by no typed input.</summary>
    public int Unreachable { get; set; }

    public int Total => E164 + WrittenInternational + NeedsDefaultCountry + VerbatimOnly + Unreachable;
}

/// <summary>Per customer table: how many active records one typed identifier alone finds, and only them.</summary>
/// <param name="ByInput">Input key to the active records found alone by some value of it.</param>
/// <param name="ByAnyIdentifier">Active records found alone by at least one identifier.</param>
internal sealed record Reachability(string Table, int ActiveRecords, IReadOnlyDictionary<string, int> ByInput, int ByAnyIdentifier);

/// <summary>What the customers' active cases look like: how often "the single active case" applies.</summary>
/// <param name="ActiveCases">Active cases in the export.</param>
/// <param name="CustomersWithNone">Active customers (of the tables searched) with no active case.</param>
/// <param name="CustomersWithOne">Active customers with exactly one: the case the plug-in links with <c>linkSingleActiveCase</c>.</param>
/// <param name="CustomersWithSeveral">Active customers with two or more: no case is linked without a case number.</param>
internal sealed record CaseStatistics(int ActiveCases, int CustomersWithNone, int CustomersWithOne, int CustomersWithSeveral);

/// <summary>A table the audit read: its rows, and how many are active.</summary>
internal sealed record TableCount(string LogicalName, int Rows, int Active);

/// <summary>Everything the audit found in the data and the configuration; it holds none of the rows it read.</summary>
internal sealed record AuditResult(
    IReadOnlyList<Finding> Findings, IReadOnlyList<TableCount> Tables, PhoneFormats Phones, IReadOnlyList<Reachability> Reachability,
    CaseStatistics? Cases);

/// <summary>
/// The findings of <c>identify audit</c>, computed rule by rule over the tables and columns the configuration searches,
/// with the plug-in's own input check, phone normaliser and the organization's collation (<see cref="StoredValue"/>).
/// </summary>
internal sealed class Auditor
{
    private readonly IdentificationSettings _settings;
    private readonly CollationMode _collation;
    private readonly List<Finding> _findings = new();
    private readonly PhoneFormats _phones = new();
    private readonly List<Reachability> _reachability = new();

    /// <param name="collation">The organization's: accent-insensitive (the default, _CI_AI) or accent-sensitive (_CI_AS).</param>
    public Auditor(IdentificationSettings settings, CollationMode collation = CollationMode.AccentInsensitive)
    {
        _settings = settings;
        _collation = collation;
    }

    /// <summary>The rules the audit checks, customers first then the case rule (when cases are identified).</summary>
    public IEnumerable<TableRule> Rules => _settings.CustomerRules.Concat(_settings.IdentifyCase ? new[] { _settings.CaseRule } : Array.Empty<TableRule>());

    /// <summary>The columns whose values the audit reads from <paramref name="rule"/>'s table: its identifiers' (not the name's), and a case's customer.</summary>
    public static IEnumerable<string> ColumnsOf(TableRule rule) =>
        rule.Inputs.Where(input => !IsName(input)).SelectMany(input => input.Columns).Concat(rule.Table == Schema.Incident.Table ? new[] { Schema.Incident.Customer } : Array.Empty<string>());

    /// <summary>Audits the loaded tables (keyed by logical name; a rule whose table is missing is reported as not audited).</summary>
    public AuditResult Run(IReadOnlyDictionary<string, AuditedTable> tables)
    {
        foreach (var rule in Rules)
        {
            if (rule.FetchXml is not null)
            {
                _findings.Add(new Finding(FindingKinds.RuleNotAudited, rule.Table, null, null, null, Array.Empty<Guid>(),
                    $"The {rule.Label} rule is FetchXML: the audit does not check it; replay conversations (--conversations) to see what it finds."));
                continue;
            }

            if (!tables.TryGetValue(rule.Table, out var table))
            {
                _findings.Add(new Finding(FindingKinds.RuleNotAudited, rule.Table, null, null, null, Array.Empty<Guid>(),
                    $"No {rule.Table}.json or {rule.Table}.csv in the data directory: the {rule.Label} rule is not audited."));
                continue;
            }

            CheckRule(rule, table);
        }

        var counts = tables.Values.Select(t => new TableCount(t.LogicalName, t.Count, t.ActiveCount)).ToList();
        return new AuditResult(_findings, counts, _phones, _reachability, CaseStatisticsOf(tables));
    }

    private void CheckRule(TableRule rule, AuditedTable table)
    {
        var identifiers = rule.Inputs.Where(input => !IsName(input)).ToList();
        var isCustomer = rule.Table != _settings.CaseRule.Table;
        if (isCustomer && rule.Inputs.Count < _settings.MinimumMatchingInputs)
        {
            _findings.Add(new Finding(FindingKinds.RuleNeverRuns, rule.Table, null, null, null, Array.Empty<Guid>(), string.Format(CultureInfo.InvariantCulture,
                "The {0} rule compares {1} inputs and minimumMatchingInputs is {2}: it never runs.", rule.Label, rule.Inputs.Count, _settings.MinimumMatchingInputs)));
        }

        foreach (var column in rule.Inputs.SelectMany(input => input.Columns).Distinct(StringComparer.Ordinal).Where(column => !table.HasAnyValue(column)))
        {
            _findings.Add(new Finding(FindingKinds.ColumnEmpty, rule.Table, column, null, null, Array.Empty<Guid>(),
                $"No row of {table.File} has a value in {column}: the column is not in the table, not in the export, or empty everywhere; the {rule.Label} rule never matches on it."));
        }

        var hasIdentifier = new bool[table.Count];
        var foundAlone = new HashSet<int>();
        var byInput = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var input in identifiers)
        {
            var alone = CheckInput(rule, table, input, hasIdentifier);
            byInput[input.Key] = alone.Count;
            foundAlone.UnionWith(alone);
        }

        if (!isCustomer)
        {
            return;
        }

        _reachability.Add(new Reachability(rule.Table, table.ActiveCount, byInput, foundAlone.Count));
        if (identifiers.Count == 0)
        {
            return;
        }

        var keys = string.Join(", ", identifiers.Select(input => input.Key));
        for (var row = 0; row < table.Count; row++)
        {
            if (table.Active[row] && !hasIdentifier[row])
            {
                _findings.Add(new Finding(FindingKinds.NoIdentifier, rule.Table, null, null, null, [table.Ids[row]],
                    $"No {keys} a visitor could type finds this active {rule.Label}: it is found by name alone, or never."));
            }
        }
    }

    /// <summary>Checks one identifier input of a rule over its columns; returns the active rows some typed value finds alone.</summary>
    private HashSet<int> CheckInput(TableRule rule, AuditedTable table, InputMapping input, bool[] hasIdentifier)
    {
        var index = new KeyIndex();
        var inactive = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var column in input.Columns)
        {
            for (var row = 0; row < table.Count; row++)
            {
                if (table.Value(column, row) is not { } raw)
                {
                    continue;
                }

                if (raw is not string text)
                {
                    if (table.Active[row])
                    {
                        _findings.Add(new Finding(FindingKinds.UnreachableValue, rule.Table, column, input.Key, Convert.ToString(raw, CultureInfo.InvariantCulture), [table.Ids[row]],
                            $"The export gives {column} as {(raw is bool ? "true or false" : raw is int or long or decimal ? "a number" : "a " + raw.GetType().Name)}, not text: a text column's value is text in Dataverse, so export it as a string (quote it in a CSV file)."));
                    }

                    continue;
                }

                var value = input.IsPhone ? StoredValue.OfPhone(text, _settings.DefaultCountryCode, _collation) : StoredValue.OfText(text, _collation);
                if (!table.Active[row])
                {
                    if (value.Kind != StoredValueKind.Unreachable)
                    {
                        (inactive.TryGetValue(value.Key, out var rows) ? rows : inactive[value.Key] = new List<int>()).Add(row);
                    }

                    continue;
                }

                if (input.IsPhone)
                {
                    CountPhone(rule, table, column, row, text, value);
                }

                if (value.Kind == StoredValueKind.Unreachable)
                {
                    _findings.Add(Unreachable(rule, table, column, input, row, text));
                    continue;
                }

                hasIdentifier[row] = true;
                index.Add(value, row, column);
            }
        }

        var foundAlone = new HashSet<int>();
        foreach (var (key, values) in index.Groups())
        {
            var several = new HashSet<int>();
            foreach (var found in values.Count == 1 ? [new HashSet<int> { values[0].Record }] : KeyIndex.FoundTogether(values))
            {
                if (found.Count >= 2)
                {
                    several.UnionWith(found);
                }
                else
                {
                    foundAlone.UnionWith(found);
                }
            }

            string Raw(KeyedValue value) => (string)table.Value(value.Column, value.Record)!;
            if (several.Count > 0)
            {
                var sharing = values.Where(v => several.Contains(v.Record)).ToList();
                _findings.Add(new Finding(FindingKinds.SharedIdentifier, rule.Table, Columns(sharing.Select(v => v.Column)), input.Key, Raw(sharing[0]),
                    several.Order().Select(row => table.Ids[row]).ToList(),
                    string.Format(CultureInfo.InvariantCulture, "{0} active {1} records share this {2}: a visitor who gives it gets \"Several records found\" and no link.",
                        several.Count, rule.Label, input.Key)));
            }

            if (inactive.TryGetValue(key, out var duplicates))
            {
                _findings.Add(new Finding(FindingKinds.InactiveDuplicate, rule.Table, Columns(input.Columns.Where(c => duplicates.Any(row => table.Value(c, row) is not null))),
                    input.Key, Raw(values[0]), duplicates.Distinct().Order().Select(row => table.Ids[row]).ToList(),
                    $"Inactive {rule.Label} records share this {input.Key} with an active one: harmless to the rules (they search active records), but a sign of duplicates to merge.")
                {
                    ActiveRecordIds = values.Select(v => v.Record).Distinct().Order().Select(row => table.Ids[row]).ToList(),
                });
            }
        }

        return foundAlone;
    }

    private void CountPhone(TableRule rule, AuditedTable table, string column, int row, string text, StoredValue value)
    {
        switch (value.Kind)
        {
            case StoredValueKind.Unreachable:
                _phones.Unreachable++;
                break;
            case StoredValueKind.PhoneVerbatimOnly:
                _phones.VerbatimOnly++;
                var readable = value.Key.StartsWith('+');
                _findings.Add(new Finding(FindingKinds.PhoneVerbatimOnly, rule.Table, column, InputKeys.Phone, text, [table.Ids[row]],
                    readable
                        ? "Stored in a form the plug-in does not look up: found only when typed exactly so, never from a caller's number. Store the suggested E.164 form."
                        : _settings.DefaultCountryCode is null
                            ? "Not E.164, and no defaultCountryCode to read it with: found only when typed exactly so, never from a caller's number. Store it as +<country code><number>, or set defaultCountryCode."
                            : "Not a number the plug-in can read, even with defaultCountryCode: found only when typed exactly so. Store it as +<country code><number>.")
                {
                    Suggestion = readable ? value.Key : null,
                });
                break;
            case StoredValueKind.PhoneFound when text == value.Key:
                _phones.E164++;
                break;
            case StoredValueKind.PhoneFound when PluginPhoneNumbers.Parse(text.Trim(), null) is not null:
                _phones.WrittenInternational++;
                break;
            default:
                _phones.NeedsDefaultCountry++;
                _findings.Add(new Finding(FindingKinds.PhoneNeedsDefaultCountry, rule.Table, column, InputKeys.Phone, text, [table.Ids[row]],
                    $"No country code: found only because defaultCountryCode is {_settings.DefaultCountryCode}. Storing the suggested E.164 form makes it independent of that setting.")
                {
                    Suggestion = value.Key,
                });
                break;
        }
    }

    private static Finding Unreachable(TableRule rule, AuditedTable table, string column, InputMapping input, int row, string text) =>
        new(FindingKinds.UnreachableValue, rule.Table, column, input.Key, text, [table.Ids[row]],
            $"No typed {input.Key} can match this value (it starts with a space, holds control characters, or is longer than the {IdentificationSettings.MaximumInputLength} characters an input may have): correct it.");

    private CaseStatistics? CaseStatisticsOf(IReadOnlyDictionary<string, AuditedTable> tables)
    {
        if (!_settings.IdentifyCase || _settings.CaseRule.Table != Schema.Incident.Table || !tables.TryGetValue(Schema.Incident.Table, out var cases))
        {
            return null;
        }

        var perCustomer = new Dictionary<Guid, int>();
        var activeCases = 0;
        for (var row = 0; row < cases.Count; row++)
        {
            if (!cases.Active[row])
            {
                continue;
            }

            activeCases++;
            if (cases.Value(Schema.Incident.Customer, row) is Microsoft.Xrm.Sdk.EntityReference customer)
            {
                perCustomer[customer.Id] = perCustomer.TryGetValue(customer.Id, out var count) ? count + 1 : 1;
            }
        }

        int none = 0, one = 0, several = 0;
        foreach (var rule in _settings.CustomerRules)
        {
            if (rule.FetchXml is null && tables.TryGetValue(rule.Table, out var customers))
            {
                for (var row = 0; row < customers.Count; row++)
                {
                    if (!customers.Active[row])
                    {
                        continue;
                    }

                    switch (perCustomer.GetValueOrDefault(customers.Ids[row]))
                    {
                        case 0:
                            none++;
                            break;
                        case 1:
                            one++;
                            break;
                        default:
                            several++;
                            break;
                    }
                }
            }
        }

        return new CaseStatistics(activeCases, none, one, several);
    }

    private static bool IsName(InputMapping input) => string.Equals(input.Key, InputKeys.Name, StringComparison.OrdinalIgnoreCase);

    private static string Columns(IEnumerable<string> columns) => string.Join(",", columns.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
