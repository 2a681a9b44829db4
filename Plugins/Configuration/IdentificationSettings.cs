using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Identification.Plugins.Identification;

namespace Identification.Plugins.Configuration;

/// <summary>
/// What the step's unsecure configuration says, parsed once when Dataverse constructs the plug-in.
/// Empty configuration means the built-in rules (SPEC §3); anything unknown is an error, never a guess.
/// </summary>
public sealed class IdentificationSettings
{
    /// <summary>Inputs longer than this are refused, never truncated into a different match.</summary>
    public const int MaximumInputLength = 256;

    /// <summary>A longer configuration is refused: real ones are a few hundred characters, a long FetchXML rule a few thousand.</summary>
    public const int MaximumConfigurationLength = 64 * 1024;

    /// <summary>Objects and arrays in the configuration nest at most this deep; the deepest option (<c>$.rules[0].columns</c>) is 4 deep.</summary>
    public const int MaximumNestingDepth = 8;

    private static readonly string[] KnownOptions =
    {
        "aliases", "tables", "phoneColumns", "resolution", "identifyCase", "linkSingleActiveCase",
        "minimumMatchingInputs", "defaultCountryCode", "conversationColumns", "rules",
        "signedInTables", "minimumTrust", "customerFromCase",
    };

    /// <summary>Names of the plug-in's own context variables: never an input key or alias.</summary>
    private static readonly string[] ReservedNames = { Schema.ContextItem.OutcomeName, Schema.ContextItem.CodeName };

    // \z, not $: "$" also matches before a final line break, which would let "fullname\n" through as a column.
    private static readonly Regex LogicalName = new Regex(@"^[a-z][a-z0-9_]{0,63}\z", RegexOptions.CultureInvariant);
    private static readonly Regex KeyName = new Regex(@"^[A-Za-z0-9_\-][A-Za-z0-9_\- ]{0,99}\z", RegexOptions.CultureInvariant);
    private static readonly Regex CountryCode = new Regex(@"^[1-9][0-9]{0,2}\z", RegexOptions.CultureInvariant);
    private static readonly Regex Region = new Regex(@"^[A-Za-z]{2}\z", RegexOptions.CultureInvariant);

    private readonly IReadOnlyDictionary<string, string> _keyByAlias;

    private IdentificationSettings(IReadOnlyDictionary<string, string> keyByAlias, IReadOnlyList<TableRule> customerRules, TableRule caseRule,
        ResolutionPolicy resolution, bool identifyCase, bool linkSingleActiveCase, int minimumMatchingInputs, string? defaultCountryCode,
        IReadOnlyDictionary<string, string> conversationColumns, IReadOnlyList<TableRule> signedInRules, Trust minimumTrust, bool customerFromCase)
    {
        SignedInRules = signedInRules;
        MinimumTrust = minimumTrust;
        CustomerFromCase = customerFromCase;
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

    /// <summary>The country of numbers written without a country code: a calling code's digits ("44") or an ISO region ("GB"); null for none.</summary>
    public string? DefaultCountryCode { get; }

    /// <summary>Input key to a column of the conversation row that supplies it.</summary>
    public IReadOnlyDictionary<string, string> ConversationColumns { get; }

    /// <summary>
    /// The rules of the tables a signed-in chat's portal contact id may name, in order (default: contact): the record is
    /// found by id, and the rule's columns say which typed answers it contradicts.
    /// </summary>
    public IReadOnlyList<TableRule> SignedInRules { get; }

    /// <summary>The least trust a link may have to be made (default: <see cref="Trust.Name"/>, the built-in behaviour).</summary>
    public Trust MinimumTrust { get; }

    /// <summary>Whether a case identified by its number may give the conversation its customer (default true).</summary>
    public bool CustomerFromCase { get; }

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

    /// <summary>
    /// Parses the step's unsecure configuration; throws <see cref="ConfigurationException"/> saying what to fix and
    /// where (the JSON path, line and column). Total: for every string it returns or throws that exception, in time
    /// linear in the input.
    /// </summary>
    public static IdentificationSettings Parse(string? json)
    {
        var builder = new Builder();
        if (!string.IsNullOrWhiteSpace(json))
        {
            builder.Read(JsonValue.Parse(json!));
        }

        return builder.Build();
    }

    /// <summary>
    /// A <c>defaultCountryCode</c> value: a calling code ("1", "+44") or an ISO region the phone normaliser knows ("GB"),
    /// as the identification step and the phone number hygiene step both read it.
    /// </summary>
    internal static string ReadDefaultCountry(JsonValue value)
    {
        var text = value.AsString().Trim();
        var code = text.TrimStart('+');
        if (CountryCode.IsMatch(code))
        {
            return code;
        }

        if (Region.IsMatch(text) && NumberingPlan.ForCountry(text) != null)
        {
            return text.ToUpperInvariant();
        }

        throw value.Error("must be a country calling code such as \"1\" or \"+44\", or the ISO region of a country the phone normaliser knows ("
            + string.Join(", ", NumberingPlan.All.SelectMany(p => p.Regions).OrderBy(r => r, StringComparer.Ordinal)) + "); it is " + JsonValue.Quote(value.AsString()));
    }

    private sealed class Builder
    {
        private readonly Dictionary<string, string> _keyByAlias = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
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
        private IReadOnlyList<string> _signedInTables = new[] { Schema.Contact.Table };
        private Trust _minimumTrust = Trust.Name;
        private bool _customerFromCase = true;

        public void Read(JsonValue root)
        {
            foreach (var option in root.Members())
            {
                var value = option.Value;
                switch (option.Key)
                {
                    case "aliases":
                        ReadAliases(value);
                        break;
                    case "tables":
                        ReadTables(value);
                        break;
                    case "phoneColumns":
                        foreach (var table in value.Members())
                        {
                            RequireCustomerTable(table.Key, table.Value);
                            _phoneColumns[table.Key] = table.Value.Items().Select(RequireColumn).ToList();
                        }

                        break;
                    case "resolution":
                        _resolution = value.AsString() switch
                        {
                            "firstSingleMatch" => ResolutionPolicy.FirstSingleMatch,
                            "strict" => ResolutionPolicy.Strict,
                            _ => throw value.Error("must be \"firstSingleMatch\" or \"strict\"; it is " + JsonValue.Quote(value.AsString())),
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
                            throw value.Error("must be between 1 and 10");
                        }

                        break;
                    case "defaultCountryCode":
                        _defaultCountryCode = ReadDefaultCountry(value);
                        break;
                    case "conversationColumns":
                        foreach (var column in value.Members())
                        {
                            AddOnce(_conversationColumns, RequireKey(column.Key, column.Value), RequireColumn(column.Value), column.Value);
                        }

                        break;
                    case "rules":
                        foreach (var rule in value.Items())
                        {
                            _rules.Add(RuleOption.Read(rule));
                        }

                        break;
                    case "signedInTables":
                        _signedInTables = ReadTableList(value);
                        break;
                    case "minimumTrust":
                        _minimumTrust = value.AsString() switch
                        {
                            "name" => Trust.Name,
                            "identifier" => Trust.Identifier,
                            "verified" => Trust.Verified,
                            _ => throw value.Error("must be \"name\", \"identifier\" or \"verified\"; it is " + JsonValue.Quote(value.AsString())),
                        };
                        break;
                    case "customerFromCase":
                        _customerFromCase = value.AsBoolean();
                        break;
                    default:
                        var near = KnownOptions.FirstOrDefault(k => IsNear(k, option.Key));
                        throw new ConfigurationException("Unknown option " + JsonValue.Quote(option.Key)
                            + (near != null ? " (did you mean \"" + near + "\"?)" : string.Empty)
                            + " at " + value.Path + " (" + JsonValue.Where(value.Line, value.Column) + "). Known options: " + string.Join(", ", KnownOptions) + ".");
                }
            }
        }

        public IdentificationSettings Build()
        {
            var customerRules = _tables.Select(BuildRule).ToList();
            var caseRule = BuildRule(Schema.Incident.Table);
            return new IdentificationSettings(_keyByAlias, customerRules, caseRule, _resolution, _identifyCase, _linkSingleActiveCase,
                _minimumMatchingInputs, _defaultCountryCode, _conversationColumns,
                _signedInTables.Select(table => customerRules.FirstOrDefault(r => r.Table == table) ?? BuildRule(table)).ToList(), _minimumTrust, _customerFromCase);
        }

        /// <summary>
        /// A calling code ("1", "+44": any, as before; one the phone normaliser has no plan for leaves national numbers
        /// matched as written) or an ISO region it knows ("GB", "us"), which stands for its calling code's plan.
        /// </summary>

        private void ReadAliases(JsonValue aliases)
        {
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in aliases.Members())
            {
                var key = RequireKey(entry.Key, entry.Value);
                if (!keys.Add(key))
                {
                    throw entry.Value.Error("names the key " + key + " again (keys match case-insensitively); give each key's aliases once");
                }

                foreach (var item in entry.Value.Items())
                {
                    var alias = RequireKey(item.AsString(), item);
                    if (_keyByAlias.TryGetValue(alias, out var other) && !string.Equals(other, key, StringComparison.OrdinalIgnoreCase))
                    {
                        throw item.Error("makes " + JsonValue.Quote(alias) + " an alias of " + key + ", but it is already an alias of " + other
                            + "; a name can stand for one key only");
                    }

                    _keyByAlias[alias] = key;
                }
            }
        }

        private void ReadTables(JsonValue value) => _tables = ReadTableList(value);

        private static List<string> ReadTableList(JsonValue value)
        {
            var tables = new List<string>();
            foreach (var item in value.Items())
            {
                var table = RequireCustomerTable(item.AsString(), item);
                if (tables.Contains(table))
                {
                    throw item.Error("lists " + table + " a second time; list contact and/or account, each once");
                }

                tables.Add(table);
            }

            if (tables.Count == 0)
            {
                throw value.Error("must list contact and/or account, each once");
            }

            return tables;
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
            // A custom column replaces the table's own input of that key, and a later one an earlier one; in one pass,
            // so that the time stays linear in the number of columns.
            var options = _rules.Where(r => r.Table == table).ToList();
            var columns = options.SelectMany(o => o.Columns).ToList();
            var lastOfKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < columns.Count; i++)
            {
                lastOfKey[columns[i].Key] = i;
            }

            inputs.RemoveAll(input => lastOfKey.ContainsKey(input.Key));
            for (var i = 0; i < columns.Count; i++)
            {
                if (lastOfKey[columns[i].Key] == i)
                {
                    inputs.Add(new InputMapping(columns[i].Key, new[] { columns[i].Value }, isPhone: string.Equals(columns[i].Key, InputKeys.Phone, StringComparison.OrdinalIgnoreCase)));
                }
            }

            var fetchXmlRules = options.Where(o => o.FetchXml != null).ToList();
            if (fetchXmlRules.Count == 0)
            {
                return new TableRule(table, label, idColumn, nameColumn, extraColumns, inputs, null);
            }

            var fetchXmlRule = fetchXmlRules[0];
            if (fetchXmlRules.Count > 1)
            {
                throw fetchXmlRules[1].Source.Error("is a second FetchXML rule for " + table + " (the first is " + fetchXmlRule.Source.Path + "); give each table at most one");
            }

            var columnRule = options.FirstOrDefault(o => o.Columns.Count > 0);
            if (columnRule != null)
            {
                throw columnRule.Source.Error("adds columns to the " + table + " rule, which the FetchXML rule at " + fetchXmlRule.Source.Path
                    + " replaces, so they would be ignored; write them as conditions in the FetchXML instead");
            }

            var fetchXml = fetchXmlRule.FetchXml!;
            var template = FetchXmlTemplate.Parse(fetchXml.AsString(), new TableRule(table, label, idColumn, nameColumn, extraColumns, inputs, null),
                fetchXml.Path + " (" + JsonValue.Where(fetchXml.Line, fetchXml.Column) + ")", fetchXmlRule.OptIn);
            return new TableRule(table, label, idColumn, nameColumn, extraColumns, inputs, template);
        }
    }

    private sealed class RuleOption
    {
        private static readonly string[] Tables = { Schema.Contact.Table, Schema.Account.Table, Schema.Incident.Table };

        private RuleOption(JsonValue source, string table, IReadOnlyDictionary<string, string> columns, JsonValue? fetchXml, IReadOnlyList<string>? placeholderOperators)
        {
            Source = source;
            Table = table;
            Columns = columns;
            FetchXml = fetchXml;
            OptIn = placeholderOperators;
        }

        /// <summary>The rule in the configuration, for errors found when the rules are combined.</summary>
        public JsonValue Source { get; }

        public string Table { get; }
        public IReadOnlyDictionary<string, string> Columns { get; }
        public JsonValue? FetchXml { get; }

        /// <summary>The rule's <c>placeholderOperators</c>: the operators its FetchXML's placeholders may use; null when it has none.</summary>
        public IReadOnlyList<string>? OptIn { get; }

        public static RuleOption Read(JsonValue rule)
        {
            string? table = null;
            JsonValue? columnsOption = null;
            JsonValue? fetchXml = null;
            JsonValue? operatorsOption = null;
            IReadOnlyList<string>? placeholderOperators = null;
            var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in rule.Members())
            {
                switch (member.Key)
                {
                    case "table":
                        table = member.Value.AsString();
                        if (Array.IndexOf(Tables, table) < 0)
                        {
                            throw member.Value.Error("must be contact, account or incident; it is " + JsonValue.Quote(table));
                        }

                        break;
                    case "columns":
                        columnsOption = member.Value;
                        foreach (var column in member.Value.Members())
                        {
                            AddOnce(columns, RequireKey(column.Key, column.Value), RequireColumn(column.Value), column.Value);
                        }

                        break;
                    case "fetchXml":
                        member.Value.AsString();
                        fetchXml = member.Value;
                        break;
                    case "placeholderOperators":
                        operatorsOption = member.Value;
                        placeholderOperators = ReadPlaceholderOperators(member.Value);
                        break;
                    default:
                        throw member.Value.Error("is not a rule option; a rule has table, columns, fetchXml and placeholderOperators");
                }
            }

            if (table == null)
            {
                throw rule.Error("needs \"table\" (contact, account or incident)");
            }

            if (columnsOption != null && fetchXml != null)
            {
                throw rule.Error("has both \"columns\" and \"fetchXml\": a FetchXML rule replaces the table's column rule, so the columns would be ignored;"
                    + " give one or the other");
            }

            if (columns.Count == 0 && fetchXml == null)
            {
                throw rule.Error("needs \"columns\" (input key to column) or \"fetchXml\"");
            }

            if (operatorsOption != null && fetchXml == null)
            {
                throw operatorsOption.Error("applies to the placeholders of a \"fetchXml\" rule, and this rule has none (a \"columns\" rule always compares with eq)");
            }

            return new RuleOption(rule, table, columns, fetchXml, placeholderOperators);
        }

        /// <summary>A rule's opt-in: the operators its placeholders may use, each once, none of them negative.</summary>
        private static List<string> ReadPlaceholderOperators(JsonValue value)
        {
            var operators = new List<string>();
            foreach (var item in value.Items())
            {
                var op = item.AsString();
                if (PlaceholderOperators.Contains(PlaceholderOperators.Never, op))
                {
                    throw item.Error("is " + JsonValue.Quote(op) + ", which never takes a placeholder, even opted in: " + PlaceholderOperators.WhyNever);
                }

                if (!PlaceholderOperators.Contains(PlaceholderOperators.Listable, op))
                {
                    throw item.Error("is " + JsonValue.Quote(op) + ", not an operator a placeholder can use; list some of "
                        + PlaceholderOperators.List(PlaceholderOperators.Listable));
                }

                if (operators.Contains(op))
                {
                    throw item.Error("lists " + op + " a second time; list each operator once");
                }

                operators.Add(op);
            }

            if (operators.Count == 0)
            {
                throw value.Error("must list the operators the rule's placeholders may use (without it they may use eq and in)");
            }

            return operators;
        }
    }

    /// <summary>Adds a key whose map matches keys case-insensitively, refusing a key given twice.</summary>
    private static void AddOnce(Dictionary<string, string> map, string key, string value, JsonValue where)
    {
        if (map.ContainsKey(key))
        {
            throw where.Error("gives the key " + key + " a second time (keys match case-insensitively); give it once");
        }

        map.Add(key, value);
    }

    /// <summary>A likely typo: the same name but for case, or at most two letters added, removed or changed.</summary>
    private static bool IsNear(string known, string typed)
    {
        if (Math.Abs(known.Length - typed.Length) > 2)
        {
            return false;
        }

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

    private static string RequireCustomerTable(string table, JsonValue where)
    {
        if (table != Schema.Contact.Table && table != Schema.Account.Table)
        {
            throw where.Error("must be \"contact\" or \"account\" (the tables the conversation's Customer lookup accepts); it is " + JsonValue.Quote(table));
        }

        return table;
    }

    private static string RequireColumn(JsonValue value)
    {
        var column = value.AsString();
        if (!LogicalName.IsMatch(column))
        {
            throw value.Error("must be a column's logical name (lowercase letters, digits, underscores); it is " + JsonValue.Quote(column));
        }

        return column;
    }

    private static string RequireKey(string key, JsonValue where)
    {
        if (!KeyName.IsMatch(key))
        {
            throw where.Error("names " + JsonValue.Quote(key) + ", which is not a usable input key (letters, digits, spaces, '_' or '-', up to 100 characters)");
        }

        if (ReservedNames.Contains(key.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            throw where.Error("names " + JsonValue.Quote(key) + ", the name of one of the plug-in's own variables; choose another name");
        }

        return key;
    }
}
