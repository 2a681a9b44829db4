using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

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

/// <summary>
/// How one table is searched: every present input must match, active rows only, at most two rows. Rules are data:
/// what the rule reads back and what the agent calls its records are here, not special cases in the engine.
/// </summary>
public sealed class TableRule
{
    public TableRule(string table, string label, string idColumn, string nameColumn, IReadOnlyList<string> extraColumns,
        IReadOnlyList<InputMapping> inputs, FetchXmlTemplate? fetchXml)
    {
        Table = table;
        Label = label;
        IdColumn = idColumn;
        NameColumn = nameColumn;
        ResultColumns = new[] { idColumn, nameColumn }.Concat(extraColumns).ToList();
        Inputs = inputs;
        FetchXml = fetchXml;
    }

    public string Table { get; }

    /// <summary>What agents call a record of the table: "contact", "account", "case".</summary>
    public string Label { get; }

    public string IdColumn { get; }

    /// <summary>The column that names a record for the agent (fullname, name, ticketnumber).</summary>
    public string NameColumn { get; }

    /// <summary>The columns a match is read with: the id, the name, and what identification needs next (a case's customer).</summary>
    public IReadOnlyList<string> ResultColumns { get; }

    public IReadOnlyList<InputMapping> Inputs { get; }

    /// <summary>A custom FetchXML rule that replaces the column rule, or null.</summary>
    public FetchXmlTemplate? FetchXml { get; }

    /// <summary>A matched row as a link, named for the agent.</summary>
    public EntityReference Reference(Entity row) => new EntityReference(Table, row.Id) { Name = row.GetAttributeValue<string>(NameColumn) };

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

/// <summary>How much a link can be trusted (SPEC §3.9), weakest first.</summary>
public enum Trust
{
    /// <summary>Matched on the name alone: anyone who knows a name can be linked to it.</summary>
    Name,

    /// <summary>Matched on an identifier the visitor typed or gave (email, phone, case number, a custom identifier): unverified.</summary>
    Identifier,

    /// <summary>The signed-in customer: the portal vouched for who they are.</summary>
    Verified,
}
