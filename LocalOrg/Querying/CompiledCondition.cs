using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.LocalOrg;

/// <summary>
/// A condition bound to a slot (root or link) and a column ordinal, with SQL's null semantics: every operator
/// but Null/NotNull is false on a null value, so <c>ne</c> and <c>not-in</c> never match a row without a value.
/// </summary>
internal sealed class CompiledCondition
{
    private readonly object?[] values;
    private readonly Dictionary<ValueClass, object[]> coerced = [];
    private readonly LikePattern? pattern;
    private readonly string entityName;
    private readonly Collation collation;
    private readonly (DateTime? Low, DateTime? High)? dates;
    private int otherOrdinal = -1;

    /// <summary>Binds a condition; <paramref name="clock"/> is read only by date operators; strings compare by <paramref name="collation"/>.</summary>
    public CompiledCondition(int slot, string entityName, Table? table, ConditionSpec spec, Func<QueryClock> clock, Collation collation)
    {
        Slot = slot;
        this.entityName = entityName;
        this.collation = collation;
        Attribute = spec.Attribute;
        Operator = spec.Operator;
        Ordinal = table?.Ordinal(spec.Attribute) ?? -1;
        values = Flatten(spec.Values);
        if (spec.ValueOf is not null)
        {
            // A column comparison: checked by the engine once it knows where the other column is (CompareWith).
            OtherSlot = slot;
            return;
        }

        CheckValueCount();
        if (DateOperators.IsDateOperator(Operator))
        {
            dates = DateOperators.Range(Operator, values.Length > 0 ? values[0] : null, clock())
                ?? throw Faults.Invalid(DateOperators.ValueCount(Operator) == 1 && Operator is ConditionOperator.On or ConditionOperator.NotOn or ConditionOperator.OnOrBefore or ConditionOperator.OnOrAfter
                    ? $"The {Operator} condition on '{entityName}.{Attribute}' needs a date, not {Values.Describe(values[0])}."
                    : $"The {Operator} condition on '{entityName}.{Attribute}' needs a whole number of units (X), not {Values.Describe(values[0])}.");
        }

        if (IsLikeFamily(Operator))
        {
            if (values[0] is not string text)
            {
                throw Faults.Invalid($"The {Operator} condition on '{entityName}.{Attribute}' needs a text value, not {Values.Describe(values[0])}.");
            }

            var like = Operator switch
            {
                ConditionOperator.BeginsWith or ConditionOperator.DoesNotBeginWith => text + "%",
                ConditionOperator.EndsWith or ConditionOperator.DoesNotEndWith => "%" + text,
                ConditionOperator.Contains or ConditionOperator.DoesNotContain => "%" + text + "%",
                _ => text,
            };
            pattern = LikePattern.Parse(like, collation);
        }
    }

    public int Slot { get; }

    /// <summary>For a column comparison, the slot of the other column (else null).</summary>
    public int? OtherSlot { get; private set; }

    /// <summary>Whether the condition reads only the root table's row: it can be checked before joining.</summary>
    public bool RootOnly => Slot == 0 && (OtherSlot ?? 0) == 0;

    public string Attribute { get; }

    public ConditionOperator Operator { get; }

    public int Ordinal { get; }

    public IReadOnlyList<object?> RawValues => values;

    /// <summary>Equality and In with values can be answered from a hash index.</summary>
    public bool IsIndexable => OtherSlot is null && Operator is ConditionOperator.Equal or ConditionOperator.In;

    /// <summary>
    /// Makes this a comparison with the column at <paramref name="ordinal"/> of <paramref name="slot"/>, as Dataverse
    /// allows it: eq, ne, gt, ge, lt and le on two columns of the same type.
    /// </summary>
    public void CompareWith(int slot, int ordinal, string otherName)
    {
        if (Operator is not (ConditionOperator.Equal or ConditionOperator.NotEqual or ConditionOperator.GreaterThan
            or ConditionOperator.GreaterEqual or ConditionOperator.LessThan or ConditionOperator.LessEqual))
        {
            throw Faults.Invalid($"A column comparison ('{entityName}.{Attribute}' with '{otherName}') takes eq, ne, gt, ge, lt or le, not {Operator}.");
        }

        OtherSlot = slot;
        otherOrdinal = ordinal;
    }

    public static bool IsSupported(ConditionOperator op) => op is
        ConditionOperator.Equal or ConditionOperator.NotEqual or ConditionOperator.In or ConditionOperator.NotIn
        or ConditionOperator.Null or ConditionOperator.NotNull
        or ConditionOperator.GreaterThan or ConditionOperator.GreaterEqual or ConditionOperator.LessThan or ConditionOperator.LessEqual
        or ConditionOperator.Between or ConditionOperator.NotBetween
        || IsLikeFamily(op)
        || DateOperators.IsDateOperator(op)
        || op is ConditionOperator.ContainValues or ConditionOperator.DoesNotContainValues;

    public bool Matches(Row?[] tuple)
    {
        var value = tuple[Slot]?.Get(Ordinal);
        switch (Operator)
        {
            case ConditionOperator.Null:
                return value is null;
            case ConditionOperator.NotNull:
                return value is not null;
        }

        if (value is null)
        {
            return false;
        }

        if (OtherSlot is { } otherSlot)
        {
            return CompareColumns(value, tuple[otherSlot]?.Get(otherOrdinal));
        }

        if (pattern is not null)
        {
            if (value is not string text)
            {
                throw Faults.Invalid($"The {Operator} condition on '{entityName}.{Attribute}' applies to text columns; this column holds {value.GetType().Name} values.");
            }

            var isMatch = pattern.IsMatch(text);
            return Operator is ConditionOperator.Like or ConditionOperator.BeginsWith or ConditionOperator.EndsWith or ConditionOperator.Contains
                ? isMatch
                : !isMatch;
        }

        if (Operator is ConditionOperator.ContainValues or ConditionOperator.DoesNotContainValues)
        {
            return ContainsAny(value) == (Operator == ConditionOperator.ContainValues);
        }

        if (dates is var (low, high))
        {
            if (value is not DateTime time)
            {
                throw Faults.Invalid($"The {Operator} condition on '{entityName}.{Attribute}' applies to date and time columns; this column holds {value.GetType().Name} values.");
            }

            var instant = Values.ToUtc(time);
            var inRange = (low is null || instant >= low) && (high is null || instant < high);
            return DateOperators.IsNegated(Operator) ? !inRange : inRange;
        }

        var valueClass = Values.ClassOf(value);
        var key = Values.KeyOf(value);
        var operands = Coerced(valueClass);
        return Operator switch
        {
            ConditionOperator.Equal => Values.KeysEqual(key, operands[0], collation),
            ConditionOperator.NotEqual => !Values.KeysEqual(key, operands[0], collation),
            ConditionOperator.In => AnyEqual(key, operands),
            ConditionOperator.NotIn => !AnyEqual(key, operands),
            ConditionOperator.GreaterThan => Values.CompareKeys(key, operands[0], collation) > 0,
            ConditionOperator.GreaterEqual => Values.CompareKeys(key, operands[0], collation) >= 0,
            ConditionOperator.LessThan => Values.CompareKeys(key, operands[0], collation) < 0,
            ConditionOperator.LessEqual => Values.CompareKeys(key, operands[0], collation) <= 0,
            ConditionOperator.Between => Values.CompareKeys(key, operands[0], collation) >= 0 && Values.CompareKeys(key, operands[1], collation) <= 0,
            ConditionOperator.NotBetween => !(Values.CompareKeys(key, operands[0], collation) >= 0 && Values.CompareKeys(key, operands[1], collation) <= 0),
            _ => throw Unsupported(Operator),
        };
    }

    // SQL's null semantics hold here too: a comparison with a column that has no value is false, even for ne.
    private bool CompareColumns(object value, object? other)
    {
        if (other is null)
        {
            return false;
        }

        var (left, right) = (Values.KeyOf(value), Values.KeyOf(other));
        if (Values.ClassOf(left) != Values.ClassOf(right))
        {
            throw Faults.Invalid($"A column comparison on '{entityName}.{Attribute}' compares {value.GetType().Name} with {other.GetType().Name} values; the columns must be the same type.");
        }

        return Operator switch
        {
            ConditionOperator.Equal => Values.KeysEqual(left, right, collation),
            ConditionOperator.NotEqual => !Values.KeysEqual(left, right, collation),
            ConditionOperator.GreaterThan => Values.CompareKeys(left, right, collation) > 0,
            ConditionOperator.GreaterEqual => Values.CompareKeys(left, right, collation) >= 0,
            ConditionOperator.LessThan => Values.CompareKeys(left, right, collation) < 0,
            _ => Values.CompareKeys(left, right, collation) <= 0,
        };
    }

    /// <summary>Whether a multi-select choice value holds any of the condition's options (contain-values).</summary>
    private bool ContainsAny(object value)
    {
        var options = Coerced(ValueClass.Number);
        var held = value switch
        {
            OptionSetValueCollection collection => collection.Select(o => (decimal)o.Value),
            OptionSetValue single => [(decimal)single.Value],
            _ => throw Faults.Invalid(
                $"The {Operator} condition on '{entityName}.{Attribute}' applies to multi-select choice columns; this column holds {value.GetType().Name} values."),
        };
        return held.Any(option => options.Any(o => (decimal)o == option));
    }

    /// <summary>The condition's values as keys of a column class; a value that cannot be one is a fault, as in Dataverse.</summary>
    public object[] Coerced(ValueClass valueClass)
    {
        if (coerced.TryGetValue(valueClass, out var keys))
        {
            return keys;
        }

        if (valueClass == ValueClass.Other)
        {
            throw new NotSupportedException(
                $"LocalOrg cannot compare the values of '{entityName}.{Attribute}' (multi-select option sets, party lists, files): no {Operator} condition on such columns.");
        }

        keys = new object[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!Values.TryCoerce(values[i]!, valueClass, out keys[i]))
            {
                throw Faults.Invalid(
                    $"The {Operator} condition on '{entityName}.{Attribute}' compares a {Describe(valueClass)} column with {Values.Describe(values[i])}, which is not a {Describe(valueClass)}.");
            }
        }

        coerced[valueClass] = keys;
        return keys;
    }

    public static NotSupportedException Unsupported(ConditionOperator op) =>
        new($"LocalOrg does not support the condition operator {op}. Supported: Equal, NotEqual, In, NotIn, Null, NotNull, "
            + "Like, NotLike, BeginsWith, DoesNotBeginWith, EndsWith, DoesNotEndWith, Contains, DoesNotContain, "
            + "GreaterThan, GreaterEqual, LessThan, LessEqual, Between, NotBetween, ContainValues, DoesNotContainValues, and the date operators (Today, Yesterday, Tomorrow, "
            + "Last7Days, Next7Days, Last/This/NextWeek, Last/This/NextMonth, Last/This/NextYear, On, NotOn, OnOrBefore, OnOrAfter, "
            + "LastX/NextX Hours, Days, Weeks, Months, Years, OlderThanX Minutes, Hours, Days, Weeks, Months, Years).");

    private static bool IsLikeFamily(ConditionOperator op) => op is
        ConditionOperator.Like or ConditionOperator.NotLike or ConditionOperator.BeginsWith or ConditionOperator.DoesNotBeginWith
        or ConditionOperator.EndsWith or ConditionOperator.DoesNotEndWith or ConditionOperator.Contains or ConditionOperator.DoesNotContain;

    private bool AnyEqual(object key, object[] operands)
    {
        foreach (var operand in operands)
        {
            if (Values.KeysEqual(key, operand, collation))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(ValueClass valueClass) => valueClass switch
    {
        ValueClass.Text => "text",
        ValueClass.Number => "number (or option set, or money)",
        ValueClass.Id => "lookup (or unique identifier)",
        ValueClass.Boolean => "yes/no",
        ValueClass.DateTime => "date and time",
        _ => valueClass.ToString(),
    };

    // An array passed as the single value of In (new ConditionExpression("x", In, new[] { 1, 2 })) means its items.
    private static object?[] Flatten(IReadOnlyList<object?> raw)
    {
        var list = new List<object?>();
        foreach (var value in raw)
        {
            if (value is System.Collections.IEnumerable items and not string and not byte[])
            {
                foreach (var item in items)
                {
                    list.Add(item);
                }
            }
            else
            {
                list.Add(value);
            }
        }

        return [.. list];
    }

    private void CheckValueCount()
    {
        if (!IsSupported(Operator))
        {
            throw Unsupported(Operator);
        }

        var expected = Operator switch
        {
            _ when DateOperators.IsDateOperator(Operator) => values.Length == DateOperators.ValueCount(Operator)
                ? null
                : DateOperators.ValueCount(Operator) == 0 ? "no value" : "exactly one value",
            ConditionOperator.Null or ConditionOperator.NotNull => "no value",
            ConditionOperator.In or ConditionOperator.NotIn or ConditionOperator.ContainValues or ConditionOperator.DoesNotContainValues =>
                values.Length > 0 ? null : "at least one value",
            ConditionOperator.Between or ConditionOperator.NotBetween => values.Length == 2 ? null : "two values (low and high)",
            _ => values.Length == 1 ? null : "exactly one value",
        };
        if (Operator is ConditionOperator.Null or ConditionOperator.NotNull)
        {
            expected = values.Length == 0 ? null : expected;
        }

        if (expected is not null)
        {
            throw Faults.Invalid($"The {Operator} condition on '{entityName}.{Attribute}' needs {expected}; it has {values.Length}.");
        }

        foreach (var value in values)
        {
            if (value is null)
            {
                throw Faults.Invalid(
                    $"The {Operator} condition on '{entityName}.{Attribute}' has a null value; no row ever equals null. Use ConditionOperator.Null / operator=\"null\" to find rows without a value.");
            }
        }
    }
}
