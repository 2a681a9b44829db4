using System.Collections.Generic;

namespace Identification.Plugins.Configuration;

/// <summary>The documented input keys (pre-chat question names and bot variables).</summary>
public static class InputKeys
{
    public const string Name = "Name";
    public const string Email = "Email";
    public const string Phone = "Phone";
    public const string CaseNumber = "CaseNumber";
}

/// <summary>One input of a rule: the key whose value must equal one of the columns.</summary>
public sealed class InputMapping
{
    public InputMapping(string key, IReadOnlyList<string> columns, bool isPhone)
    {
        Key = key;
        Columns = columns;
        IsPhone = isPhone;
    }

    public string Key { get; }

    /// <summary>The value must equal at least one of these columns (usually one).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Phone inputs also match the stored E.164 form of the number.</summary>
    public bool IsPhone { get; }
}

/// <summary>How one table is searched: every present input must match, active rows only, at most two rows.</summary>
public sealed class TableRule
{
    public TableRule(string table, string idColumn, string nameColumn, IReadOnlyList<InputMapping> inputs, FetchXmlTemplate? fetchXml)
    {
        Table = table;
        IdColumn = idColumn;
        NameColumn = nameColumn;
        Inputs = inputs;
        FetchXml = fetchXml;
    }

    public string Table { get; }
    public string IdColumn { get; }

    /// <summary>The column that names a record for the agent (fullname, name, ticketnumber).</summary>
    public string NameColumn { get; }

    public IReadOnlyList<InputMapping> Inputs { get; }

    /// <summary>A custom FetchXML rule that replaces the column rule, or null.</summary>
    public FetchXmlTemplate? FetchXml { get; }

    /// <summary>The input keys this rule can use.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            if (FetchXml != null)
            {
                return FetchXml.Keys;
            }

            var keys = new List<string>();
            foreach (var input in Inputs)
            {
                keys.Add(input.Key);
            }

            return keys;
        }
    }
}

/// <summary>How the matches of the customer tables become one linked customer.</summary>
public enum ResolutionPolicy
{
    /// <summary>The first table, in the configured order, that matched exactly one record wins (the built-in behaviour).</summary>
    FirstSingleMatch,

    /// <summary>Link only when exactly one record matched across all customer tables.</summary>
    Strict,
}
