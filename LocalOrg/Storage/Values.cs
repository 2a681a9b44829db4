using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>How a stored value compares: the family its key belongs to.</summary>
[Flags]
internal enum ValueClass
{
    None = 0,
    Text = 1,
    Number = 2,
    Id = 4,
    Boolean = 8,
    DateTime = 16,
    Other = 32,
}

/// <summary>
/// Maps SDK values to comparable keys: an OptionSetValue, an int and a Money all become a decimal, a lookup and a
/// Guid become a Guid, so that a condition can compare an option set with an int or a lookup with a Guid.
/// Strings stay strings and compare through <see cref="Collation"/> (see <see cref="KeyComparer"/>).
/// </summary>
internal static class Values
{
    public static ValueClass ClassOf(object value) => value switch
    {
        string => ValueClass.Text,
        OptionSetValue or Money or int or long or short or byte or decimal or double or float => ValueClass.Number,
        EntityReference or Guid => ValueClass.Id,
        bool => ValueClass.Boolean,
        DateTime => ValueClass.DateTime,
        _ => ValueClass.Other,
    };

    /// <summary>The key of a stored value (never null for a non-null value).</summary>
    public static object KeyOf(object value) => value switch
    {
        string s => s,
        OptionSetValue o => (decimal)o.Value,
        Money m => m.Value,
        int i => (decimal)i,
        long l => (decimal)l,
        short s => (decimal)s,
        byte b => (decimal)b,
        decimal d => d,
        double d => AsDecimal(d) ?? (object)d,
        float f => AsDecimal(f) ?? (object)f,
        EntityReference r => r.Id,
        Guid g => g,
        bool b => b,
        DateTime t => ToUtc(t),
        _ => value,
    };

    /// <summary>
    /// Converts a condition value (possibly a string from FetchXML) to a key of <paramref name="target"/>'s class,
    /// or returns false when it cannot be read as one.
    /// </summary>
    public static bool TryCoerce(object value, ValueClass target, out object key)
    {
        key = value;
        var source = ClassOf(value);
        if (source == target && target != ValueClass.Other)
        {
            key = KeyOf(value);
            return true;
        }

        var text = value as string;
        switch (target)
        {
            case ValueClass.Text:
                if (source is ValueClass.Number or ValueClass.Boolean)
                {
                    key = Convert.ToString(KeyOf(value), CultureInfo.InvariantCulture)!;
                    return true;
                }

                if (value is Guid or EntityReference)
                {
                    key = ((Guid)KeyOf(value)).ToString("D");
                    return true;
                }

                return false;
            case ValueClass.Number:
                if (text is not null && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    key = number;
                    return true;
                }

                if (value is bool flag)
                {
                    key = flag ? 1m : 0m;
                    return true;
                }

                return false;
            case ValueClass.Id:
                if (text is not null && Guid.TryParse(text, out var id))
                {
                    key = id;
                    return true;
                }

                return false;
            case ValueClass.Boolean:
                if (text is not null)
                {
                    switch (text.Trim().ToUpperInvariant())
                    {
                        case "1" or "TRUE":
                            key = true;
                            return true;
                        case "0" or "FALSE":
                            key = false;
                            return true;
                    }
                }

                if (source == ValueClass.Number && KeyOf(value) is decimal d && d is 0m or 1m)
                {
                    key = d == 1m;
                    return true;
                }

                return false;
            case ValueClass.DateTime:
                if (text is not null && DateTime.TryParse(
                        text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                {
                    key = DateTime.SpecifyKind(time, DateTimeKind.Utc);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    public static bool KeysEqual(object left, object right, Collation collation) => collation.Keys.Equals(left, right);

    /// <summary>Orders two keys of the same class; keys of different classes order by class.</summary>
    public static int CompareKeys(object left, object right, Collation collation)
    {
        if (left is string a && right is string b)
        {
            return collation.Compare(a, b);
        }

        if (left.GetType() == right.GetType() && left is IComparable comparable)
        {
            return comparable.CompareTo(right);
        }

        return ClassOf(left).CompareTo(ClassOf(right));
    }

    /// <summary>Dataverse stores date and time in UTC; an unspecified kind is taken as UTC.</summary>
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        OptionSetValue o => $"OptionSetValue({o.Value})",
        EntityReference r => $"EntityReference({r.LogicalName}, {r.Id})",
        Money m => $"Money({m.Value.ToString(CultureInfo.InvariantCulture)})",
        IFormattable f => $"{value.GetType().Name} {f.ToString(null, CultureInfo.InvariantCulture)}",
        _ => value.GetType().Name,
    };

    // Floats compare with ints and decimals as decimals; values beyond decimal's range stay doubles.
    private static decimal? AsDecimal(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 7.9e28 ? (decimal)value : null;
}

/// <summary>Equality of value keys; strings compare under the organization's collation.</summary>
internal sealed class KeyComparer(Collation collation) : IEqualityComparer<object>
{
    public new bool Equals(object? x, object? y)
    {
        if (x is string a && y is string b)
        {
            return collation.AreEqual(a, b);
        }

        return object.Equals(x, y);
    }

    public int GetHashCode(object obj) => obj is string s ? collation.GetHashCode(s) : obj.GetHashCode();
}
