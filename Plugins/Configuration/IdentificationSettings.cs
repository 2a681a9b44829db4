using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Identification.Plugins.Configuration;

/// <summary>
/// What the step's unsecure configuration says, parsed once when Dataverse constructs the plug-in.
/// Empty configuration means the built-in rules (SPEC §3); anything unknown is an error, never a guess.
/// </summary>
public sealed class IdentificationSettings
{
    /// <summary>Inputs longer than this are refused, never truncated into a different match.</summary>
    public const int MaximumInputLength = 256;

    private static readonly string[] KnownOptions =
    {
        "aliases", "tables", "phoneColumns", "resolution", "identifyCase", "linkSingleActiveCase",
        "minimumMatchingInputs", "defaultCountryCode", "conversationColumns", "rules",
    };

    private static readonly Regex LogicalName = new Regex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant);
    private static readonly Regex KeyName = new Regex(@"^[A-Za-z0-9_\-][A-Za-z0-9_\- ]{0,99}$", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, string> _keyByAlias;

    private IdentificationSettings(Dictionary<string, string> keyByAlias, IReadOnlyList<TableRule> customerRules, TableRule caseRule,
        ResolutionPolicy resolution, bool identifyCase, bool linkSingleActiveCase, int minimumMatchingInputs, string? defaultCountryCode,
        IReadOnlyDictionary<string, string> conversationColumns)
    {
        _keyByAlias = keyByAlias;
        CustomerRules = customerRules;
        CaseRule = caseRule;
        Resolution = resolution;
        IdentifyCase = identifyCase;
        LinkSingleActiveCase = linkSingleActiveCase;
        MinimumMatchingInputs = minimumMatchingInputs;
        DefaultCountryCode = defaultCountryCode;
        ConversationColumns = conversationColumns;
        var keys = CustomerRules.SelectMany(r => r.Keys).Concat(IdentifyCase ? CaseRule.Keys : Enumerable.Empty<string>())
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        VariableNames = keys.Concat(keyByAlias.Where(a => keys.Contains(a.Value, StringComparer.OrdinalIgnoreCase)).Select(a => a.Key))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The built-in rules: contact then account by Name, Email and Phone; case by CaseNumber.</summary>
    public static IdentificationSettings Default { get; } = Parse(null);

    /// <summary>The customer tables' rules, in search order.</summary>
    public IReadOnlyList<TableRule> CustomerRules { get; }

    public TableRule CaseRule { get; }
    public ResolutionPolicy Resolution { get; }
    public bool IdentifyCase { get; }
    public bool LinkSingleActiveCase { get; }

    /// <summary>A customer rule runs only when at least this many of its inputs are present.</summary>
    public int MinimumMatchingInputs { get; }

    /// <summary>Digits of the country code for numbers written without one, or null.</summary>
    public string? DefaultCountryCode { get; }

    /// <summary>Input key to a column of the conversation row that supplies it.</summary>
    public IReadOnlyDictionary<string, string> ConversationColumns { get; }

    /// <summary>Every context variable name that can give an input: the keys some rule reads, and their aliases.</summary>
    public IReadOnlyList<string> VariableNames { get; }

    /// <summary>The input key a context variable name stands for (case-insensitive, aliases applied).</summary>
    public string CanonicalKey(string variableName)
    {
        var trimmed = variableName.Trim();
        return _keyByAlias.TryGetValue(trimmed, out var key) ? key : trimmed;
    }

    /// <summary>Every key some rule can use; other context variables never trigger identification.</summary>
    public bool IsInputKey(string key) =>
        CustomerRules.Any(r => r.Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
        || (IdentifyCase && CaseRule.Keys.Contains(key, StringComparer.OrdinalIgnoreCase));

    /// <summary>Parses the step's unsecure configuration; throws <see cref="ConfigurationException"/> saying what to fix.</summary>
    public static IdentificationSettings Parse(string? json)
    {
        var builder = new Builder();
        if (!string.IsNullOrWhiteSpace(json))
        {
            builder.Read(JsonValue.Parse(json!));
        }

        return builder.Build();
    }

    private sealed class Builder
    {
        private readonly Dictionary<string, List<string>> _aliases = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, IReadOnlyList<string>> _phoneColumns = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [Schema.Contact.Table] = new[] { Schema.Contact.MobilePhone },
            [Schema.Account.Table] = new[] { Schema.Account.Telephone1 },
        };

        private readonly Dictionary<string, string> _conversationColumns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<RuleOption> _rules = new List<RuleOption>();
        private IReadOnlyList<string> _tables = new[] { Schema.Contact.Table, Schema.Account.Table };
        private ResolutionPolicy _resolution = ResolutionPolicy.FirstSingleMatch;
        private bool _identifyCase = true;
        private bool _linkSingleActiveCase = true;
        private int _minimumMatchingInputs = 1;
        private string? _defaultCountryCode;

        public void Read(JsonValue root)
        {
            foreach (var option in root.Members())
            {
                var value = option.Value;
                switch (option.Key)
                {
                    case "aliases":
                        foreach (var alias in value.Members())
                        {
                            _aliases[RequireKey(alias.Key, alias.Value.Path)] = alias.Value.AsStringList().Select(a => RequireKey(a, alias.Value.Path)).ToList();
                        }

                        break;
                    case "tables":
                        _tables = value.Items().Select(t => RequireCustomerTable(t.AsString(), t.Path)).ToList();
                        if (_tables.Count == 0 || _tables.Distinct().Count() != _tables.Count)
                        {
                            throw new ConfigurationException(value.Path + " must list contact and/or account, each once.");
                        }

                        break;
                    case "phoneColumns":
                        foreach (var table in value.Members())
                        {
                            RequireCustomerTable(table.Key, table.Value.Path);
                            _phoneColumns[table.Key] = table.Value.Items().Select(c => RequireColumn(c.AsString(), c.Path)).ToList();
                        }

                        break;
                    case "resolution":
                        _resolution = value.AsString() switch
                        {
                            "firstSingleMatch" => ResolutionPolicy.FirstSingleMatch,
                            "strict" => ResolutionPolicy.Strict,
                            _ => throw new ConfigurationException(value.Path + " must be \"firstSingleMatch\" or \"strict\"; it is \"" + value.AsString() + "\"."),
                        };
                        break;
                    case "identifyCase":
                        _identifyCase = value.AsBoolean();
                        break;
                    case "linkSingleActiveCase":
                        _linkSingleActiveCase = value.AsBoolean();
                        break;
                    case "minimumMatchingInputs":
                        _minimumMatchingInputs = value.AsInteger();
                        if (_minimumMatchingInputs < 1 || _minimumMatchingInputs > 10)
                        {
                            throw new ConfigurationException(value.Path + " must be between 1 and 10.");
                        }

                        break;
                    case "defaultCountryCode":
                        var code = value.AsString().Trim().TrimStart('+');
                        if (!Regex.IsMatch(code, "^[1-9][0-9]{0,2}$", RegexOptions.CultureInvariant))
                        {
                            throw new ConfigurationException(value.Path + " must be a country calling code such as \"1\" or \"+44\".");
                        }

                        _defaultCountryCode = code;
                        break;
                    case "conversationColumns":
                        foreach (var column in value.Members())
                        {
                            _conversationColumns[RequireKey(column.Key, column.Value.Path)] = RequireColumn(column.Value.AsString(), column.Value.Path);
                        }

                        break;
                    case "rules":
                        foreach (var rule in value.Items())
                        {
                            _rules.Add(RuleOption.Read(rule));
                        }

                        break;
                    default:
                        var near = KnownOptions.FirstOrDefault(k => IsNear(k, option.Key));
                        throw new ConfigurationException("Unknown option \"" + option.Key + "\"" + (near != null ? " (did you mean \"" + near + "\"?)" : string.Empty)
                            + ". Known options: " + string.Join(", ", KnownOptions) + ".");
                }
            }
        }

        public IdentificationSettings Build()
        {
            var keyByAlias = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in _aliases)
            {
                foreach (var alias in pair.Value)
                {
                    if (keyByAlias.TryGetValue(alias, out var other) && !string.Equals(other, pair.Key, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new ConfigurationException("aliases: \"" + alias + "\" is an alias of both " + other + " and " + pair.Key + ".");
                    }

                    keyByAlias[alias] = pair.Key;
                }
            }

            var customerRules = _tables.Select(BuildRule).ToList();
            var caseRule = BuildRule(Schema.Incident.Table);
            return new IdentificationSettings(keyByAlias, customerRules, caseRule, _resolution, _identifyCase, _linkSingleActiveCase,
                _minimumMatchingInputs, _defaultCountryCode, _conversationColumns);
        }

        private TableRule BuildRule(string table)
        {
            var inputs = new List<InputMapping>();
            string label;
            string idColumn;
            string nameColumn;
            var extraColumns = Array.Empty<string>();
            switch (table)
            {
                case Schema.Contact.Table:
                    label = "contact";
                    idColumn = Schema.Contact.Id;
                    nameColumn = Schema.Contact.FullName;
                    inputs.Add(new InputMapping(InputKeys.Name, new[] { Schema.Contact.FullName }, isPhone: false));
                    inputs.Add(new InputMapping(InputKeys.Email, new[] { Schema.Contact.Email }, isPhone: false));
                    inputs.Add(new InputMapping(InputKeys.Phone, _phoneColumns[table], isPhone: true));
                    break;
                case Schema.Account.Table:
                    label = "account";
                    idColumn = Schema.Account.Id;
                    nameColumn = Schema.Account.Name;
                    inputs.Add(new InputMapping(InputKeys.Name, new[] { Schema.Account.Name }, isPhone: false));
                    inputs.Add(new InputMapping(InputKeys.Email, new[] { Schema.Account.Email }, isPhone: false));
                    inputs.Add(new InputMapping(InputKeys.Phone, _phoneColumns[table], isPhone: true));
                    break;
                default:
                    label = "case";
                    idColumn = Schema.Incident.Id;
                    nameColumn = Schema.Incident.TicketNumber;
                    extraColumns = new[] { Schema.Incident.Customer };
                    inputs.Add(new InputMapping(InputKeys.CaseNumber, new[] { Schema.Incident.TicketNumber }, isPhone: false));
                    break;
            }

            // Phone columns with no column left mean "do not match on phone for this table".
            inputs.RemoveAll(i => i.Columns.Count == 0);
            FetchXmlTemplate? fetchXml = null;
            foreach (var option in _rules.Where(r => r.Table == table))
            {
                foreach (var column in option.Columns)
                {
                    inputs.RemoveAll(i => string.Equals(i.Key, column.Key, StringComparison.OrdinalIgnoreCase));
                    inputs.Add(new InputMapping(column.Key, new[] { column.Value }, isPhone: string.Equals(column.Key, InputKeys.Phone, StringComparison.OrdinalIgnoreCase)));
                }

                if (option.FetchXml != null)
                {
                    if (fetchXml != null)
                    {
                        throw new ConfigurationException(option.Path + ": " + table + " already has a FetchXML rule; give each table at most one.");
                    }

                    fetchXml = FetchXmlTemplate.Parse(option.FetchXml, new TableRule(table, label, idColumn, nameColumn, extraColumns, inputs, null), option.Path + ".fetchXml");
                }
            }

            return new TableRule(table, label, idColumn, nameColumn, extraColumns, inputs, fetchXml);
        }
    }

    private sealed class RuleOption
    {
        private RuleOption(string path, string table, IReadOnlyDictionary<string, string> columns, string? fetchXml)
        {
            Path = path;
            Table = table;
            Columns = columns;
            FetchXml = fetchXml;
        }

        public string Path { get; }
        public string Table { get; }
        public IReadOnlyDictionary<string, string> Columns { get; }
        public string? FetchXml { get; }

        public static RuleOption Read(JsonValue rule)
        {
            string? table = null;
            string? fetchXml = null;
            var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in rule.Members())
            {
                switch (member.Key)
                {
                    case "table":
                        table = member.Value.AsString();
                        if (table != Schema.Contact.Table && table != Schema.Account.Table && table != Schema.Incident.Table)
                        {
                            throw new ConfigurationException(member.Value.Path + " must be contact, account or incident; it is \"" + table + "\".");
                        }

                        break;
                    case "columns":
                        foreach (var column in member.Value.Members())
                        {
                            columns[RequireKey(column.Key, column.Value.Path)] = RequireColumn(column.Value.AsString(), column.Value.Path);
                        }

                        break;
                    case "fetchXml":
                        fetchXml = member.Value.AsString();
                        break;
                    default:
                        throw new ConfigurationException("Unknown option \"" + member.Key + "\" in " + rule.Path + ". A rule has: table, columns, fetchXml.");
                }
            }

            if (table == null)
            {
                throw new ConfigurationException(rule.Path + " needs \"table\" (contact, account or incident).");
            }

            if (columns.Count == 0 && fetchXml == null)
            {
                throw new ConfigurationException(rule.Path + " needs \"columns\" (input key to column) or \"fetchXml\".");
            }

            return new RuleOption(rule.Path, table, columns, fetchXml);
        }
    }

    /// <summary>A likely typo: the same name but for case, or at most two letters added, removed or changed.</summary>
    private static bool IsNear(string known, string typed)
    {
        var a = known.ToUpperInvariant();
        var b = typed.ToUpperInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length] <= 2;
    }

    private static string RequireCustomerTable(string table, string path)
    {
        if (table != Schema.Contact.Table && table != Schema.Account.Table)
        {
            throw new ConfigurationException(path + " must be \"contact\" or \"account\" (the tables the conversation's Customer lookup accepts); it is \"" + table + "\".");
        }

        return table;
    }

    private static string RequireColumn(string column, string path)
    {
        if (!LogicalName.IsMatch(column))
        {
            throw new ConfigurationException(path + " must be a column's logical name (lowercase letters, digits, underscores); it is \"" + column + "\".");
        }

        return column;
    }

    private static string RequireKey(string key, string path)
    {
        if (!KeyName.IsMatch(key))
        {
            throw new ConfigurationException(path + ": \"" + key + "\" is not a usable input key (letters, digits, spaces, '_' or '-', up to 100 characters).");
        }

        return key;
    }
}
