using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Identification.Plugins;

namespace Identification.Identify.Data;

/// <summary>How a column of an exported table is typed: primary keys, option sets and logical names.</summary>
internal static partial class TableRules
{
    // Activities share one key column, activityid, whatever the table is called (SPEC §2).
    private static readonly HashSet<string> ActivityTables = new(StringComparer.Ordinal)
    {
        Schema.Conversation.Table, "activitypointer", "appointment", "email", "fax", "letter", "phonecall", "task",
    };

    /// <summary>The primary key column: <c>&lt;logicalname&gt;id</c>, or <c>activityid</c> for activity tables.</summary>
    public static string PrimaryKey(string logicalName) =>
        ActivityTables.Contains(logicalName) ? "activityid" : logicalName + "id";

    /// <summary>statecode and statuscode hold integers that become OptionSetValue.</summary>
    public static bool IsOptionSet(string column) => column is "statecode" or "statuscode";

    /// <summary>Dataverse logical names are lower case: letters, digits and underscores.</summary>
    public static bool IsLogicalName(string name) => LogicalNamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LogicalNamePattern();
}
