using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>An alternate key of a table: a name and the columns whose values together identify one row.</summary>
internal sealed class AlternateKey(string name, IReadOnlyList<string> attributes)
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Attributes { get; } = attributes;

    public override string ToString() => $"{Name} ({string.Join(", ", Attributes)})";

    /// <summary>Whether <paramref name="keyAttributes"/> names exactly this key's columns.</summary>
    public bool IsNamedBy(IEnumerable<string> keyAttributes)
    {
        var names = keyAttributes.ToHashSet(StringComparer.Ordinal);
        return names.Count == Attributes.Count && Attributes.All(names.Contains);
    }

    /// <summary>The rows whose key columns equal <paramref name="valueOf"/>(column), through the first column's index.</summary>
    public List<Row> Find(Table table, Func<string, object?> valueOf)
    {
        var found = new List<Row>();
        var values = Attributes.Select(valueOf).ToArray();
        if (values.Any(v => v is null))
        {
            return found;
        }

        var ordinals = Attributes.Select(table.Ordinal).ToArray();
        if (ordinals.Any(o => o < 0))
        {
            return found;
        }

        var candidates = new List<Row>();
        QueryEngine.Lookup(table, ordinals[0], 1, (_, valueClass) => Values.TryCoerce(values[0]!, valueClass, out var key) ? key : null, candidates);
        foreach (var row in candidates)
        {
            var all = true;
            for (var i = 1; i < ordinals.Length && all; i++)
            {
                var stored = row.Get(ordinals[i]);
                all = stored is not null
                    && Values.TryCoerce(values[i]!, Values.ClassOf(stored), out var key)
                    && Values.KeysEqual(Values.KeyOf(stored), key, table.Collation);
            }

            if (all)
            {
                found.Add(row);
            }
        }

        return found;
    }

    /// <summary>"accountnumber:A-1, name:Contoso": how the key's values read in a message.</summary>
    public string Describe(Func<string, object?> valueOf) =>
        string.Join(", ", Attributes.Select(a => $"{a}:{Format(valueOf(a))}"));

    private static string Format(object? value) => value switch
    {
        null => "null",
        EntityReference reference => reference.Id.ToString(),
        OptionSetValue option => option.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Money money => money.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
