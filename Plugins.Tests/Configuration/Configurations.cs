using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Identification.Plugins.Tests.Configuration;

/// <summary>Configurations the tests start from: the README's example, read from the README itself, and those the suites register.</summary>
internal static class Configurations
{
    /// <summary>The JSON example of the README's Configuration section, as an admin would copy it.</summary>
    public static string ReadmeExample { get; } = ReadReadmeExample();

    /// <summary>Every configuration string the suites use (keep in step when a test adds one).</summary>
    public static IReadOnlyList<string> UsedByTests { get; } =
    [
        ReadmeExample,
        """{"linkSingleActiveCase": false}""",
        """{"defaultCountryCode": "1"}""",
        "{\n  \"defaultCountryCode\": \"1\"\n}\n",
        """{"phoneColumns": {"contact": ["mobilephone", "telephone1", "telephone2", "telephone3"]}}""",
        """{"tables": ["contact", "account"], "resolution": "firstSingleMatch", "linkSingleActiveCase": true, "minimumMatchingInputs": 1}""",
        """{"aliases": {"Email": ["EmailAddress", "E-mail"]}}""",
        """{"tables": ["account", "contact"]}""",
        """{"resolution": "strict"}""",
        """{"minimumMatchingInputs": 2}""",
        """{"rules": [{"table": "account", "columns": {"AccountNumber": "accountnumber"}}]}""",
        """
        {"rules": [{"table": "contact", "fetchXml":
          "<fetch><entity name='contact'><attribute name='fullname'/><filter><condition attribute='description' operator='eq' value='${Code}'/></filter></entity></fetch>"}]}
        """,
        """{"rules": [{"table": "incident", "fetchXml": "<fetch><entity name='incident'><filter type='or'><condition attribute='ticketnumber' operator='in'><value>${CaseNumber}</value><value>${OrderNumber}</value></condition></filter></entity></fetch>"}]}""",
        """{"conversationColumns": {"Email": "new_customeremail"}, "identifyCase": false}""",
        """{"rules": [{"table": "contact", "fetchXml": "<fetch><entity name='contact'><attribute name='fullname'/><filter><condition attribute='new_memberid' operator='like' value='${MemberId}'/></filter></entity></fetch>", "placeholderOperators": ["eq", "like"]}]}""",
        """{"rules": [{"table": "contact", "fetchXml": "<fetch><entity name='contact'><attribute name='fullname'/><link-entity name='account' from='accountid' to='parentcustomerid'><filter><condition attribute='accountnumber' operator='eq' value='${AccountNumber}'/></filter></link-entity></entity></fetch>"}]}""",
    ];

    private static string ReadReadmeExample()
    {
        var project = typeof(Configurations).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginsProject").Value!;
        var readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(project)!, "..", "README.md"));
        var section = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        var start = readme.IndexOf("```json\n", section, StringComparison.Ordinal) + "```json\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
