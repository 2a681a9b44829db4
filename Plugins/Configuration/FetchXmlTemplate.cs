using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Identification.Plugins.Configuration;

/// <summary>
/// A custom FetchXML rule with <c>${Key}</c> placeholders. Validated once, when the configuration is read:
/// placeholders may stand only as a whole condition value, under an operator the rule allows (<c>eq</c> and
/// <c>in</c> unless it opts in to more, see <see cref="PlaceholderOperators"/>), never inside an outer link-entity
/// (or another that keeps rows its filters do not match), and the query is forced to explicit columns, active rows
/// and two rows at most. Values are set through the XML API, so they are always XML-escaped, and under a
/// like-style operator their wildcards are escaped too. A rule is plain XML: no DOCTYPE, processing instructions
/// or namespaces.
/// </summary>
public sealed class FetchXmlTemplate
{
    /// <summary>Elements nest at most this deep in a rule (fetch, entity, link-entity, filter, condition, value: 6).</summary>
    public const int MaximumDepth = 20;

    private static readonly Regex Placeholder = new Regex(@"^\$\{([A-Za-z0-9_\-]+)\}\z", RegexOptions.CultureInvariant);

    // Link types that keep only the rows whose related row matches the link's filters, so a placeholder there must
    // match. "not all" is documented as equivalent to "any", but its name says the opposite: write "any".
    private static readonly string[] RestrictingLinkTypes = { "inner", "any", "exists", "in", "matchfirstrowusingcrossapply" };

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

    /// <summary>
    /// Validates a rule and adds what every rule has (id and name columns, active rows, two rows at most).
    /// <paramref name="path"/> says where the rule is in the configuration, for the errors;
    /// <paramref name="placeholderOperators"/> is the rule's opt-in, null when it has none.
    /// </summary>
    public static FetchXmlTemplate Parse(string fetchXml, TableRule baseRule, string path, IReadOnlyList<string>? placeholderOperators = null)
    {
        var document = Load(fetchXml, path);
        var fetch = document.Root!;
        if (fetch.Name != "fetch")
        {
            throw Error(path, fetch, "must have <fetch> as its root element");
        }

        var entities = fetch.Elements("entity").ToList();
        if (entities.Count != 1 || !string.Equals((string?)entities[0].Attribute("name"), baseRule.Table, StringComparison.Ordinal))
        {
            throw Error(path, fetch, "must query exactly one <entity name=\"" + baseRule.Table + "\">");
        }

        var entity = entities[0];
        var allAttributes = document.Descendants("all-attributes").FirstOrDefault();
        if (allAttributes != null)
        {
            throw Error(path, allAttributes, "uses <all-attributes/>; name the columns with <attribute name=\"...\"/>");
        }

        if (fetch.Attribute("aggregate") != null)
        {
            throw Error(path, fetch, "must not be an aggregate query");
        }

        // Explicit columns: what the rule reads back (the id, the display name, a case's customer) is always asked for, and read by name.
        var required = baseRule.ResultColumns;
        CheckAliases(document, entity, required, path);
        foreach (var column in required)
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

        var slots = FindSlots(document, baseRule.Table, path, placeholderOperators);
        if (slots.Count == 0)
        {
            throw new ConfigurationException(path + " has no ${Key} placeholder, so it would match the same records for every conversation.");
        }

        return new FetchXmlTemplate(document, slots);
    }

    /// <summary>
    /// Reads the rule as plain XML: no DOCTYPE (entities, external files), no processing instructions, no
    /// namespaces (a prefixed element or attribute would slip past the checks below, which go by name), and
    /// elements nested at most <see cref="MaximumDepth"/> deep. Checked in a first pass with XmlReader, which stops at
    /// the first problem, so the tree is only built for a rule that passes.
    /// </summary>
    private static XDocument Load(string fetchXml, string path)
    {
        if (fetchXml.Contains("<!DOCTYPE"))
        {
            throw new ConfigurationException(path + " has a <!DOCTYPE …>; FetchXML is plain XML without one: remove it.");
        }

        try
        {
            using (var reader = XmlReader.Create(new StringReader(fetchXml), ReaderSettings()))
            {
                CheckPlainXml(reader, path);
            }

            using (var reader = XmlReader.Create(new StringReader(fetchXml), ReaderSettings()))
            {
                return XDocument.Load(reader, LoadOptions.SetLineInfo);
            }
        }
        catch (XmlException ex)
        {
            throw new ConfigurationException(path + " is not well-formed XML: " + ex.Message, ex);
        }
    }

    private static XmlReaderSettings ReaderSettings() => new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    private static void CheckPlainXml(XmlReader reader, string path)
    {
        var line = (IXmlLineInfo)reader;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.ProcessingInstruction)
            {
                throw Error(path, line, "has a processing instruction (<?" + reader.LocalName + " …?>); FetchXML has none: remove it");
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth >= MaximumDepth)
            {
                throw Error(path, line, "nests elements more than " + MaximumDepth.ToString(CultureInfo.InvariantCulture)
                    + " deep; a rule needs far fewer (fetch, entity, link-entity, filter, condition, value): flatten the filters");
            }

            if (reader.NamespaceURI.Length > 0)
            {
                throw Error(path, line, "puts the element " + JsonValue.Quote(reader.Name) + " in a namespace (a prefix or xmlns); FetchXML elements have none: remove it");
            }

            while (reader.MoveToNextAttribute())
            {
                if (reader.NamespaceURI.Length > 0)
                {
                    throw Error(path, line, "has the attribute " + JsonValue.Quote(reader.Name) + ", a namespace declaration or in a namespace; FetchXML attributes have no prefix and no xmlns: remove it");
                }
            }
        }
    }

    /// <summary>
    /// The plug-in reads the id, the name column and a case's customer by their names; an alias would rename them
    /// (an aliased fullname gives <c>Linked: contact ""</c>, an aliased customerid makes every case someone else's).
    /// </summary>
    private static void CheckAliases(XDocument document, XElement entity, IReadOnlyList<string> readColumns, string path)
    {
        foreach (var attribute in document.Descendants("attribute"))
        {
            var alias = (string?)attribute.Attribute("alias");
            if (alias == null)
            {
                continue;
            }

            var name = (string?)attribute.Attribute("name");
            if (attribute.Parent == entity && name != null && readColumns.Contains(name))
            {
                throw Error(path, attribute, "gives " + name + " the alias " + JsonValue.Quote(alias) + "; the plug-in reads " + name + " by its own name: remove the alias");
            }

            if (readColumns.Contains(alias))
            {
                throw Error(path, attribute, "uses the alias " + JsonValue.Quote(alias) + ", which would hide the " + alias + " column the plug-in reads: choose another alias");
            }
        }
    }

    private static ConfigurationException Error(string path, XObject where, string problem) =>
        Error(path, where as IXmlLineInfo, problem);

    private static ConfigurationException Error(string path, IXmlLineInfo? where, string problem) =>
        new ConfigurationException(path + " " + problem
            + (where != null && where.HasLineInfo()
                ? " (FetchXML line " + where.LineNumber.ToString(CultureInfo.InvariantCulture) + ", position " + where.LinePosition.ToString(CultureInfo.InvariantCulture) + ")"
                : string.Empty)
            + ".");

    /// <summary>The FetchXML for these values; every key in <see cref="Keys"/> must have one.</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        var document = new XDocument(_template);
        var targets = SlotTargets(document);
        for (var i = 0; i < _slots.Count; i++)
        {
            var value = _slots[i].TakesPattern ? PlaceholderOperators.EscapeWildcards(values[_slots[i].Key]) : values[_slots[i].Key];
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

    private static List<Slot> FindSlots(XDocument document, string table, string path, IReadOnlyList<string>? placeholderOperators) =>
        SlotTargets(document).Select(target => Slot.For(target, table, path, placeholderOperators)).ToList();

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
        private Slot(string key, bool takesPattern)
        {
            Key = key;
            TakesPattern = takesPattern;
        }

        public string Key { get; }

        /// <summary>Whether the value is a LIKE pattern, so the visitor's wildcards are escaped in it.</summary>
        public bool TakesPattern { get; }

        public static Slot For(XObject target, string table, string path, IReadOnlyList<string>? placeholderOperators)
        {
            var attribute = target as XAttribute;
            var text = attribute?.Value ?? ((XElement)target).Value;
            var name = attribute?.Name.LocalName ?? ((XElement)target).Name.LocalName;
            var condition = name == "value" && target.Parent?.Name.LocalName == "condition" ? target.Parent : null;
            var match = Placeholder.Match(text);
            if (condition == null || !match.Success)
            {
                throw new ConfigurationException(path + ": a placeholder may only be the whole value of a <condition> (value=\"${Key}\" or <value>${Key}</value>); found " + JsonValue.Quote(text) + ".");
            }

            var op = (string?)condition.Attribute("operator") ?? string.Empty;
            CheckOperator(condition, op, JsonValue.Quote(text), path, placeholderOperators);
            CheckLinks(condition, table, JsonValue.Quote(text), path);
            return new Slot(match.Groups[1].Value, PlaceholderOperators.TakesPattern(op));
        }

        private static void CheckOperator(XElement condition, string op, string placeholder, string path, IReadOnlyList<string>? optedIn)
        {
            var allowed = optedIn ?? PlaceholderOperators.Default;
            if (PlaceholderOperators.Contains(allowed, op))
            {
                return;
            }

            var compares = "compares " + placeholder + " with operator " + JsonValue.Quote(op) + " in the condition on " + JsonValue.Quote((string?)condition.Attribute("attribute") ?? string.Empty);
            if (PlaceholderOperators.Contains(PlaceholderOperators.Never, op))
            {
                throw Error(path, condition, compares + ", and a negative operator never takes a placeholder, even opted in: " + PlaceholderOperators.WhyNever);
            }

            if (!PlaceholderOperators.Contains(PlaceholderOperators.Listable, op))
            {
                throw Error(path, condition, compares + ", which cannot take a placeholder: a placeholder is compared with "
                    + PlaceholderOperators.List(PlaceholderOperators.Default) + ", or, when the rule lists them in \"placeholderOperators\", with "
                    + PlaceholderOperators.List(PlaceholderOperators.OptIn));
            }

            var cost = PlaceholderOperators.Contains(PlaceholderOperators.OptIn, op) ? ": " + PlaceholderOperators.Cost(op) : string.Empty;
            throw Error(path, condition, optedIn == null
                ? compares + ", which a placeholder takes only when its rule opts in" + cost + ". To accept that, give the rule \"placeholderOperators\": ["
                    + string.Join(", ", allowed.Concat(new[] { op }).Select(JsonValue.Quote)) + "]"
                : compares + ", which the rule's \"placeholderOperators\" (" + PlaceholderOperators.List(allowed) + ") does not list" + cost
                    + ". To accept that, add " + JsonValue.Quote(op) + " to it");
        }

        /// <summary>A placeholder inside a link-entity must restrict the main rows: in an outer link, nothing has to match it.</summary>
        private static void CheckLinks(XElement condition, string table, string placeholder, string path)
        {
            foreach (var link in condition.Ancestors("link-entity"))
            {
                var type = (string?)link.Attribute("link-type") ?? "inner";
                if (Array.IndexOf(RestrictingLinkTypes, type) >= 0)
                {
                    continue;
                }

                var inside = "puts " + placeholder + " inside the " + JsonValue.Quote(type) + " link-entity " + JsonValue.Quote((string?)link.Attribute("name") ?? string.Empty);
                throw Error(path, link, type == "outer"
                    ? inside + ": an outer join's conditions do not restrict the " + table + " rows, so the visitor's value would not have to match anything; "
                        + "make the link inner (the default)"
                    : inside + ", which does not keep only the " + table + " rows whose related row matches; a placeholder may be inside a link-entity of type "
                        + string.Join(", ", RestrictingLinkTypes));
            }
        }
    }
}
