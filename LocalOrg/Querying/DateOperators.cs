using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.LocalOrg;

/// <summary>The organization's clock and the user's calendar, the inputs of every relative date condition.</summary>
internal sealed record QueryClock(DateTime UtcNow, TimeZoneInfo TimeZone, DayOfWeek FirstDayOfWeek)
{
    /// <summary>Now on the user's calendar.</summary>
    public DateTime LocalNow => TimeZoneInfo.ConvertTimeFromUtc(Values.ToUtc(UtcNow), TimeZone);

    public DateTime Today => LocalNow.Date;

    /// <summary>The UTC instant at which a day (or any local time) of the user's calendar starts.</summary>
    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone);
}

/// <summary>
/// Dataverse's relative and calendar date operators, each turned into a range of UTC instants [low, high) on the
/// user's calendar (<see cref="QueryClock"/>): "today" is the user's day, not UTC's. Dataverse documents these in a
/// line each; where a line leaves a bound open, the reading here is written next to the operator.
/// </summary>
internal static class DateOperators
{
    private static readonly HashSet<ConditionOperator> WithoutValue =
    [
        ConditionOperator.Yesterday, ConditionOperator.Today, ConditionOperator.Tomorrow, ConditionOperator.Last7Days,
        ConditionOperator.Next7Days, ConditionOperator.LastWeek, ConditionOperator.ThisWeek, ConditionOperator.NextWeek,
        ConditionOperator.LastMonth, ConditionOperator.ThisMonth, ConditionOperator.NextMonth, ConditionOperator.LastYear,
        ConditionOperator.ThisYear, ConditionOperator.NextYear,
    ];

    private static readonly HashSet<ConditionOperator> WithDate =
        [ConditionOperator.On, ConditionOperator.NotOn, ConditionOperator.OnOrBefore, ConditionOperator.OnOrAfter];

    private static readonly HashSet<ConditionOperator> WithCount =
    [
        ConditionOperator.LastXHours, ConditionOperator.NextXHours, ConditionOperator.LastXDays, ConditionOperator.NextXDays,
        ConditionOperator.LastXWeeks, ConditionOperator.NextXWeeks, ConditionOperator.LastXMonths, ConditionOperator.NextXMonths,
        ConditionOperator.LastXYears, ConditionOperator.NextXYears, ConditionOperator.OlderThanXMinutes, ConditionOperator.OlderThanXHours,
        ConditionOperator.OlderThanXDays, ConditionOperator.OlderThanXWeeks, ConditionOperator.OlderThanXMonths, ConditionOperator.OlderThanXYears,
    ];

    public static bool IsDateOperator(ConditionOperator op) => WithoutValue.Contains(op) || WithDate.Contains(op) || WithCount.Contains(op);

    /// <summary>How many values the operator takes: 0 (today, this-month, …) or 1 (a date, or a count X).</summary>
    public static int ValueCount(ConditionOperator op) => WithoutValue.Contains(op) ? 0 : 1;

    /// <summary>True when the condition holds outside the range (not-on).</summary>
    public static bool IsNegated(ConditionOperator op) => op == ConditionOperator.NotOn;

    /// <summary>
    /// The range of the condition, as UTC instants: low inclusive, high exclusive, either open (null). Null when the
    /// value is not what the operator takes (the caller reports it).
    /// </summary>
    public static (DateTime? Low, DateTime? High)? Range(ConditionOperator op, object? value, QueryClock clock)
    {
        var today = clock.Today;
        var now = Values.ToUtc(clock.UtcNow);
        var untilNow = now.AddTicks(1);
        if (WithDate.Contains(op))
        {
            if (CalendarDate(value, clock) is not { } day)
            {
                return null;
            }

            return op switch
            {
                ConditionOperator.OnOrBefore => (null, clock.ToUtc(day.AddDays(1))),
                ConditionOperator.OnOrAfter => (clock.ToUtc(day), null),
                _ => (clock.ToUtc(day), clock.ToUtc(day.AddDays(1))),
            };
        }

        if (WithCount.Contains(op))
        {
            if (Count(value) is not { } x)
            {
                return null;
            }

            return op switch
            {
                // Hours and minutes count from now; "last X days" runs from the start of the day X days ago until now,
                // "next X days" from now to the end of the day X days ahead (weeks, months, years alike).
                ConditionOperator.LastXHours => (now.AddHours(-x), untilNow),
                ConditionOperator.NextXHours => (now, now.AddHours(x).AddTicks(1)),
                ConditionOperator.LastXDays => (clock.ToUtc(today.AddDays(-x)), untilNow),
                ConditionOperator.NextXDays => (now, clock.ToUtc(today.AddDays(x + 1))),
                ConditionOperator.LastXWeeks => (clock.ToUtc(today.AddDays(-7 * x)), untilNow),
                ConditionOperator.NextXWeeks => (now, clock.ToUtc(today.AddDays((7 * x) + 1))),
                ConditionOperator.LastXMonths => (clock.ToUtc(today.AddMonths(-x)), untilNow),
                ConditionOperator.NextXMonths => (now, clock.ToUtc(today.AddMonths(x).AddDays(1))),
                ConditionOperator.LastXYears => (clock.ToUtc(today.AddYears(-x)), untilNow),
                ConditionOperator.NextXYears => (now, clock.ToUtc(today.AddYears(x).AddDays(1))),

                // "Older than X": before the instant X units ago.
                ConditionOperator.OlderThanXMinutes => (null, now.AddMinutes(-x)),
                ConditionOperator.OlderThanXHours => (null, now.AddHours(-x)),
                ConditionOperator.OlderThanXDays => (null, now.AddDays(-x)),
                ConditionOperator.OlderThanXWeeks => (null, now.AddDays(-7 * x)),
                ConditionOperator.OlderThanXMonths => (null, now.AddMonths(-x)),
                _ => (null, now.AddYears(-x)),
            };
        }

        var weekStart = today.AddDays(-(((int)today.DayOfWeek - (int)clock.FirstDayOfWeek + 7) % 7));
        var monthStart = new DateTime(today.Year, today.Month, 1);
        var yearStart = new DateTime(today.Year, 1, 1);
        var (low, high) = op switch
        {
            ConditionOperator.Yesterday => (today.AddDays(-1), today),
            ConditionOperator.Today => (today, today.AddDays(1)),
            ConditionOperator.Tomorrow => (today.AddDays(1), today.AddDays(2)),

            // "Within the last seven days including today": today and the six days before it.
            ConditionOperator.Last7Days => (today.AddDays(-6), today.AddDays(1)),
            ConditionOperator.Next7Days => (today, today.AddDays(7)),
            ConditionOperator.LastWeek => (weekStart.AddDays(-7), weekStart),
            ConditionOperator.ThisWeek => (weekStart, weekStart.AddDays(7)),
            ConditionOperator.NextWeek => (weekStart.AddDays(7), weekStart.AddDays(14)),
            ConditionOperator.LastMonth => (monthStart.AddMonths(-1), monthStart),
            ConditionOperator.ThisMonth => (monthStart, monthStart.AddMonths(1)),
            ConditionOperator.NextMonth => (monthStart.AddMonths(1), monthStart.AddMonths(2)),
            ConditionOperator.LastYear => (yearStart.AddYears(-1), yearStart),
            ConditionOperator.ThisYear => (yearStart, yearStart.AddYears(1)),
            _ => (yearStart.AddYears(1), yearStart.AddYears(2)),
        };
        return (clock.ToUtc(low), clock.ToUtc(high));
    }

    /// <summary>The day a value names on the user's calendar: a UTC DateTime is converted, a date as written is taken as is.</summary>
    private static DateTime? CalendarDate(object? value, QueryClock clock) => value switch
    {
        DateTime { Kind: DateTimeKind.Utc } utc => TimeZoneInfo.ConvertTimeFromUtc(utc, clock.TimeZone).Date,
        DateTime local => local.Date,
        string text when DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed.Date,
        _ => null,
    };

    private static int? Count(object? value) => value switch
    {
        int i when i >= 0 => i,
        long l when l is >= 0 and <= int.MaxValue => (int)l,
        string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
