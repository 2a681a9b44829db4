using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Identification.Plugins.Configuration;

/// <summary>
/// A custom FetchXML rule with <c>${Key}</c> placeholders. Validated once, when the configuration is read:
/// placeholders may stand only as a whole condition value of an operator without wildcards, and the query is
/// forced to explicit columns, active rows and two rows at most. Values are set through the XML API, so they
/// are always escaped.
/// </summary>
public sealed class FetchXmlTemplate
{
    private static readonly Regex Placeholder = new Regex(@"^\$\{([A-Za-z0-9_\-]+)\}$", RegexOptions.CultureInvariant);

    // Operators whose value is compared as a whole; like-style operators would turn input into wildcards.
    private static readonly HashSet<string> ExactOperators = new HashSet<string>(StringComparer.Ordinal)
    {
        "eq", "ne", "neq", "in", "not-in", "gt", "ge", "lt", "le",
    };

    private readonly XDocument _template;
    private readonly List<Slot> _slots;

    private FetchXmlTemplate(XDocument template, List<Slot> slots)
    {
        _template = template;
        _slots = slots;
        Keys = slots.Select(s => s.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The input keys the template needs; the rule runs only when all are present.</summary>
    public IReadOnlyList<string> Keys { get; }

    public static FetchXmlTemplate Parse(string fetchXml, TableRule baseRule, string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(fetchXml);
        }
        catch (XmlException ex)
        {
            throw new ConfigurationException(path + " is not well-formed XML: " + ex.Message, ex);
        }

        var fetch = document.Root;
        if (fetch == null || fetch.Name.LocalName != "fetch")
        {
            throw new ConfigurationException(path + " must have <fetch> as its root element.");
        }

        var entities = fetch.Elements("entity").ToList();
        if (entities.Count != 1 || !string.Equals((string?)entities[0].Attribute("name"), baseRule.Table, StringComparison.Ordinal))
        {
            throw new ConfigurationException(path + " must query exactly one <entity name=\"" + baseRule.Table + "\">.");
        }

        var entity = entities[0];
        if (document.Descendants("all-attributes").Any())
        {
            throw new ConfigurationException(path + " uses <all-attributes/>; name the columns with <attribute name=\"...\"/>.");
        }

        if (fetch.Attribute("aggregate") != null)
        {
            throw new ConfigurationException(path + " must not be an aggregate query.");
        }

        // Explicit columns: what the rule reads back (the id, the display name, a case's customer) is always asked for.
        foreach (var column in baseRule.ResultColumns)
        {
            if (!entity.Elements("attribute").Any(a => (string?)a.Attribute("name") == column))
            {
                entity.AddFirst(new XElement("attribute", new XAttribute("name", column)));
            }
        }

        // Two rows are enough to tell one match from several.
        fetch.SetAttributeValue("top", "2");
        fetch.SetAttributeValue("count", null);
        fetch.SetAttributeValue("page", null);
        fetch.SetAttributeValue("paging-cookie", null);
        fetch.SetAttributeValue("returntotalrecordcount", null);

        // Active records only, like every rule; sibling filters of an entity are combined with "and".
        entity.Add(new XElement("filter", new XAttribute("type", "and"),
            new XElement("condition", new XAttribute("attribute", Schema.StateCode), new XAttribute("operator", "eq"),
                new XAttribute("value", Schema.StateActive))));

        var slots = FindSlots(document, path);
        if (slots.Count == 0)
        {
            throw new ConfigurationException(path + " has no ${Key} placeholder, so it would match the same records for every conversation.");
        }

        return new FetchXmlTemplate(document, slots);
    }

    /// <summary>The FetchXML for these values; every key in <see cref="Keys"/> must have one.</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        var document = new XDocument(_template);
        var targets = SlotTargets(document);
        for (var i = 0; i < _slots.Count; i++)
        {
            var value = values[_slots[i].Key];
            if (targets[i] is XAttribute attribute)
            {
                attribute.Value = value;
            }
            else
            {
                ((XElement)targets[i]).Value = value;
            }
        }

        return document.ToString(SaveOptions.DisableFormatting);
    }

    private static List<Slot> FindSlots(XDocument document, string path) =>
        SlotTargets(document).Select(target => target is XAttribute attribute
            ? Slot.For(attribute.Value, attribute.Name.LocalName == "value" ? Condition(attribute.Parent) : null, path)
            : Slot.For(((XElement)target).Value, ((XElement)target).Name.LocalName == "value" ? Condition(target.Parent) : null, path)).ToList();

    private static XElement? Condition(XElement? element) => element != null && element.Name.LocalName == "condition" ? element : null;

    // Every attribute or text-only element holding a placeholder, in document order: the one walk both
    // validation (FindSlots) and Render use, so slot i is always target i.
    private static List<XObject> SlotTargets(XDocument document)
    {
        var targets = new List<XObject>();
        foreach (var element in document.Descendants())
        {
            targets.AddRange(element.Attributes().Where(a => a.Value.Contains("${")));
            if (!element.HasElements && element.Value.Contains("${"))
            {
                targets.Add(element);
            }
        }

        return targets;
    }

    private sealed class Slot
    {
        private Slot(string key)
        {
            Key = key;
        }

        public string Key { get; }

        public static Slot For(string text, XElement? condition, string path)
        {
            var match = Placeholder.Match(text);
            if (condition == null || !match.Success)
            {
                throw new ConfigurationException(path + ": a placeholder may only be the whole value of a <condition> (value=\"${Key}\" or <value>${Key}</value>); found \"" + text + "\".");
            }

            var op = (string?)condition.Attribute("operator") ?? string.Empty;
            if (!ExactOperators.Contains(op))
            {
                throw new ConfigurationException(path + ": placeholder " + text + " is used with operator \"" + op + "\"; input is only compared whole (eq, ne, in, not-in, gt, ge, lt, le), never as a wildcard pattern.");
            }

            return new Slot(match.Groups[1].Value);
        }
    }
}
