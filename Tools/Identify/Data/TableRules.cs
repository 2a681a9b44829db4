using System.Text.RegularExpressions;

namespace Identification.Identify.Data;

/// <summary>
/// How a column of an exported table is typed: option sets and logical names. Primary keys come from the
/// organization (LocalOrganization.PrimaryKeyOf: <c>&lt;logicalname&gt;id</c>, or <c>activityid</c> for activities).
/// </summary>
internal static partial class TableRules
{
    /// <summary>statecode and statuscode hold integers that become OptionSetValue.</summary>
    public static bool IsOptionSet(string column) => column is "statecode" or "statuscode";

    /// <summary>Dataverse logical names are lower case: letters, digits and underscores.</summary>
    public static bool IsLogicalName(string name) => LogicalNamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LogicalNamePattern();
}
