using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Identification.Plugins.Configuration;

/// <summary>
/// A read-only view of a JSON value with its path, for validating configuration. Built on the framework's own
/// JSON reader (JsonReaderWriterFactory), which .NET Framework 4.6.2 has without extra assemblies in the sandbox.
/// </summary>
internal sealed class JsonValue
{
    private const string ItemNamespace = "item";
    private readonly XElement _element;

    private JsonValue(XElement element, string path)
    {
        _element = element;
        Path = path;
    }

    public string Path { get; }

    /// <summary>object, array, string, number, boolean or null.</summary>
    public string Kind => _element.Attribute("type")?.Value ?? "string";

    public static JsonValue Parse(string json)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            using (var reader = JsonReaderWriterFactory.CreateJsonReader(bytes, XmlDictionaryReaderQuotas.Max))
            {
                return new JsonValue(XElement.Load(reader), "$");
            }
        }
        catch (XmlException ex)
        {
            throw new ConfigurationException("The configuration is not valid JSON: " + ex.Message, ex);
        }
    }

    public IEnumerable<KeyValuePair<string, JsonValue>> Members()
    {
        Expect("object");
        foreach (var child in _element.Elements())
        {
            // Member names that are not XML names arrive as <a:item item="name">.
            var name = child.Name.LocalName == ItemNamespace && child.Attribute(ItemNamespace) != null
                ? child.Attribute(ItemNamespace)!.Value
                : child.Name.LocalName;
            yield return new KeyValuePair<string, JsonValue>(name, new JsonValue(child, Path + "." + name));
        }
    }

    public IReadOnlyList<JsonValue> Items()
    {
        Expect("array");
        return _element.Elements().Select((e, i) => new JsonValue(e, Path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]")).ToList();
    }

    public string AsString()
    {
        Expect("string");
        return _element.Value;
    }

    public bool AsBoolean()
    {
        Expect("boolean");
        return string.Equals(_element.Value, "true", StringComparison.Ordinal);
    }

    public int AsInteger()
    {
        Expect("number");
        if (!int.TryParse(_element.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new ConfigurationException(Path + " must be a whole number; it is " + _element.Value + ".");
        }

        return value;
    }

    public IReadOnlyList<string> AsStringList()
    {
        var items = Items();
        return items.Select(item => item.AsString()).ToList();
    }

    private void Expect(string kind)
    {
        if (!string.Equals(Kind, kind, StringComparison.Ordinal))
        {
            throw new ConfigurationException(Path + " must be " + Article(kind) + " " + kind + "; it is " + Article(Kind) + " " + Kind + ".");
        }
    }

    private static string Article(string kind) => kind == "object" || kind == "array" ? "an" : "a";
}
