using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Identification.LocalOrg.Tests;

/// <summary>
/// Relative date conditions against the organization's clock and the user's time zone. The clock stands at Wednesday
/// 13 March 2024, 15:00 UTC; the user is five hours behind UTC, where it is 10:00 on the same Wednesday.
/// </summary>
public sealed class DateOperatorTests
{
    private static readonly DateTime Now = new(2024, 3, 13, 15, 0, 0, DateTimeKind.Utc);
    private static readonly TimeZoneInfo FiveHoursBehind = TimeZoneInfo.CreateCustomTimeZone("UTC-05", TimeSpan.FromHours(-5), "UTC-05", "UTC-05");
    private readonly LocalOrganization org = new() { UtcNow = () => Now, TimeZone = FiveHoursBehind };

    /// <summary>A task due at this UTC instant, named by its time on the user's calendar.</summary>
    private void Due(params DateTime[] utc) =>
        org.Initialize(utc.Select(t => new Entity("task") { ["subject"] = Local(t), ["scheduledend"] = t }).ToArray());

    private static string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, FiveHoursBehind).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime Utc(int month, int day, int hour) => new(2024, month, day, hour, 0, 0, DateTimeKind.Utc);

    private string[] Fetch(string condition) =>
        org.GetOrganizationService().RetrieveMultiple(new FetchExpression(
            $"<fetch><entity name='task'><attribute name='subject' /><filter>{condition}</filter></entity></fetch>"))
        .Entities.Select(e => (string)e["subject"]).ToArray();

    private string[] Query(ConditionOperator op, params object[] values)
    {
        var query = new QueryExpression("task") { ColumnSet = new ColumnSet("subject") };
        query.Criteria.AddCondition("scheduledend", op, values);
        return org.GetOrganizationService().RetrieveMultiple(query).Entities.Select(e => (string)e["subject"]).ToArray();
    }

    [Fact]
    public void Today_is_the_users_day_not_utcs()
    {
        // 04:00 UTC on the 13th is still the 12th for the user; 04:00 UTC on the 14th is the user's 13th, 23:00.
        Due(Utc(3, 13, 4), Utc(3, 13, 5), Utc(3, 14, 4), Utc(3, 14, 5));

        Assert.Equal(["2024-03-13 00:00", "2024-03-13 23:00"], Fetch("<condition attribute='scheduledend' operator='today' />"));
        Assert.Equal(["2024-03-12 23:00"], Query(ConditionOperator.Yesterday));
        Assert.Equal(["2024-03-14 00:00"], Query(ConditionOperator.Tomorrow));
    }

    [Theory]
    [InlineData("on", "2024-03-12", new[] { "2024-03-12 00:00", "2024-03-12 23:59" })]
    [InlineData("not-on", "2024-03-12", new[] { "2024-03-11 23:59", "2024-03-13 00:00" })]
    [InlineData("on-or-before", "2024-03-12", new[] { "2024-03-11 23:59", "2024-03-12 00:00", "2024-03-12 23:59" })]
    [InlineData("on-or-after", "2024-03-12", new[] { "2024-03-12 00:00", "2024-03-12 23:59", "2024-03-13 00:00" })]
    public void On_and_its_kin_compare_whole_days_of_the_users_calendar(string op, string date, string[] expected)
    {
        Due(Utc(3, 12, 4).AddMinutes(59), Utc(3, 12, 5), Utc(3, 13, 4).AddMinutes(59), Utc(3, 13, 5));

        Assert.Equal(expected, Fetch($"<condition attribute='scheduledend' operator='{op}' value='{date}' />"));
    }

    [Fact]
    public void On_in_QueryExpression_takes_a_date()
    {
        Due(Utc(3, 12, 5), Utc(3, 13, 5));

        Assert.Equal(["2024-03-12 00:00"], Query(ConditionOperator.On, new DateTime(2024, 3, 12)));
    }

    [Theory]
    [InlineData("this-week", new[] { "2024-03-10 00:00", "2024-03-16 23:00" })]
    [InlineData("last-week", new[] { "2024-03-09 23:00" })]
    [InlineData("next-week", new[] { "2024-03-17 00:00" })]
    public void Weeks_run_Sunday_through_Saturday(string op, string[] expected)
    {
        // Saturday 9th 23:00, Sunday 10th 00:00, Saturday 16th 23:00, Sunday 17th 00:00 on the user's calendar.
        Due(Utc(3, 10, 4), Utc(3, 10, 5), Utc(3, 17, 4), Utc(3, 17, 5));

        Assert.Equal(expected, Fetch($"<condition attribute='scheduledend' operator='{op}' />"));
    }

    [Theory]
    [InlineData(ConditionOperator.LastMonth, new[] { "2024-02-29 23:00" })]
    [InlineData(ConditionOperator.ThisMonth, new[] { "2024-03-01 00:00" })]
    [InlineData(ConditionOperator.NextMonth, new[] { "2024-04-01 00:00" })]
    [InlineData(ConditionOperator.ThisYear, new[] { "2024-02-29 23:00", "2024-03-01 00:00", "2024-04-01 00:00" })]
    [InlineData(ConditionOperator.LastYear, new string[0])]
    public void Months_and_years_are_calendar_months_and_years(ConditionOperator op, string[] expected)
    {
        Due(Utc(3, 1, 4), Utc(3, 1, 5), Utc(4, 1, 5));

        Assert.Equal(expected, Query(op));
    }

    [Fact]
    public void Last_x_days_runs_from_the_start_of_the_day_x_days_ago_until_now()
    {
        // The user's now is 10:00 on the 13th: three days back starts at 00:00 on the 10th.
        Due(Utc(3, 10, 4), Utc(3, 10, 5), Utc(3, 13, 15), Utc(3, 13, 16));

        Assert.Equal(["2024-03-10 00:00", "2024-03-13 10:00"], Fetch("<condition attribute='scheduledend' operator='last-x-days' value='3' />"));
        Assert.Equal(["2024-03-13 10:00", "2024-03-13 11:00"], Query(ConditionOperator.NextXDays, 0));
    }

    [Fact]
    public void Last_seven_days_is_today_and_the_six_days_before()
    {
        Due(Utc(3, 7, 4), Utc(3, 7, 5), Utc(3, 14, 4), Utc(3, 14, 5));

        Assert.Equal(["2024-03-07 00:00", "2024-03-13 23:00"], Query(ConditionOperator.Last7Days));
    }

    [Theory]
    [InlineData("last-x-hours", "2", new[] { "2024-03-13 08:00", "2024-03-13 10:00" })]
    [InlineData("next-x-hours", "2", new[] { "2024-03-13 10:00", "2024-03-13 12:00" })]
    [InlineData("olderthan-x-hours", "2", new[] { "2024-03-13 07:59" })]
    [InlineData("olderthan-x-minutes", "1", new[] { "2024-03-13 07:59", "2024-03-13 08:00" })]
    public void Hours_and_minutes_count_from_now(string op, string x, string[] expected)
    {
        Due(Utc(3, 13, 13).AddMinutes(-1), Utc(3, 13, 13), Utc(3, 13, 15), Utc(3, 13, 17), Utc(3, 13, 17).AddMinutes(1));

        Assert.Equal(expected, Fetch($"<condition attribute='scheduledend' operator='{op}' value='{x}' />"));
    }

    [Fact]
    public void Older_than_x_months_is_before_the_instant_x_months_ago()
    {
        Due(Utc(2, 13, 14), Utc(2, 13, 16));

        Assert.Equal(["2024-02-13 09:00"], Query(ConditionOperator.OlderThanXMonths, 1));
    }

    [Fact]
    public void A_row_without_a_date_matches_no_date_condition()
    {
        org.Initialize(new Entity("task") { ["subject"] = "undated" });

        Assert.Empty(Query(ConditionOperator.NotOn, new DateTime(2024, 3, 12)));
    }

    [Fact]
    public void A_date_operator_on_a_text_column_is_a_fault()
    {
        org.Initialize(new Entity("task") { ["subject"] = "a" });
        var query = new QueryExpression("task") { ColumnSet = new ColumnSet("subject") };
        query.Criteria.AddCondition("subject", ConditionOperator.Today);

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => org.GetOrganizationService().RetrieveMultiple(query));

        Assert.Contains("applies to date and time columns", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<condition attribute='scheduledend' operator='today' value='1' />", "takes no value")]
    [InlineData("<condition attribute='scheduledend' operator='last-x-days' value='three' />", "needs a whole number")]
    [InlineData("<condition attribute='scheduledend' operator='on' value='soon' />", "needs a date")]
    public void A_date_operator_with_the_wrong_value_is_a_fault_saying_what_it_takes(string condition, string expected)
    {
        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Fetch(condition));

        Assert.Contains(expected, fault.Message, StringComparison.Ordinal);
    }
}
