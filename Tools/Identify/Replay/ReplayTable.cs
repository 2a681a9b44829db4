using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Identification.Plugins.Outcome;
using Spectre.Console;

namespace Identification.Identify.Replay;

/// <summary>
/// <c>identify replay</c> on a terminal: the conversations as a table per outcome, the surprising ones first (not as
/// expected, errors, dependent on arrival order, then several found), each with its channel, the inputs it brought,
/// its code, the customer and case it ended linked to (by name) and the trust of the link.
/// </summary>
internal static class ReplayTable
{
    /// <summary>The order of the outcome groups: what needs a decision first, the plain results last.</summary>
    private static readonly string[] GroupOrder =
    [
        OutcomeCode.Error, ReplaySummary.NoCode, OutcomeCode.Several, OutcomeCode.NotTrusted,
        OutcomeCode.Linked + ":name", OutcomeCode.Linked + ":case", OutcomeCode.Linked + ":identifier", OutcomeCode.Linked + ":verified",
        OutcomeCode.None, OutcomeCode.Skipped,
    ];

    /// <summary>
    /// The rows in the order the table and the HTML report show them: those that need a look first, then by outcome group
    /// (<see cref="GroupOrder"/>), each in file order.
    /// </summary>
    public static IEnumerable<ReplayRow> SurprisingFirst(IReadOnlyList<ReplayRow> rows) =>
        rows.Where(row => row.NeedsALook).Concat(rows.Where(row => !row.NeedsALook).OrderBy(row => GroupIndex(row.BaseCode)).ThenBy(row => row.BaseCode, StringComparer.Ordinal));

    private static int GroupIndex(string code) => Array.IndexOf(GroupOrder, code) is var index and >= 0 ? index : GroupOrder.Length;

    /// <summary>Writes the heading and the tables to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<ReplayRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var notMet = rows.Count(row => row.MeetsExpectation == false);
        var checkedRows = rows.Count(row => row.MeetsExpectation is not null);
        var dependent = rows.Count(row => row.OrderDependent > 0);
        var identified = rows.Count(row => row.Trust.Length > 0);
        var heading = string.Format(c, "{0:N0} conversations: {1:N0} identified ({2:N1} %), {3:N0} several, {4:N0} errors",
            rows.Count, identified, rows.Count == 0 ? 0 : 100.0 * identified / rows.Count,
            rows.Count(row => row.BaseCode == OutcomeCode.Several), rows.Count(row => row.Classification == Classification.Error));
        if (checkedRows > 0)
        {
            heading += string.Format(c, "; {0:N0} of {1:N0} as expected", checkedRows - notMet, checkedRows);
        }

        if (dependent > 0)
        {
            heading += string.Format(c, "; {0:N0} depend on arrival order", dependent);
        }

        console.MarkupLine("[bold]" + Markup.Escape(heading + ".") + "[/]");

        var attention = rows.Where(row => row.NeedsALook).ToList();
        if (attention.Count > 0)
        {
            WriteGroup(console, "needs a look: not as expected, an error, or dependent on arrival order", "red", attention, withNote: true);
        }

        var groups = rows.Where(row => !row.NeedsALook).GroupBy(row => row.BaseCode)
            .OrderBy(group => GroupIndex(group.Key))
            .ThenBy(group => group.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            WriteGroup(console, group.Key, Colour(group.Key), group.ToList(), withNote: false);
        }
    }

    private static void WriteGroup(IAnsiConsole console, string title, string colour, List<ReplayRow> rows, bool withNote)
    {
        console.WriteLine();
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[{colour} bold]{Markup.Escape(title)}[/] ({rows.Count:N0})"));
        // Plain means plain: ASCII rules too, for logs, screen readers and golden-text tests.
        var table = new Table().Border(console.Profile.Capabilities.Ansi ? TableBorder.Simple : TableBorder.Ascii);
        table.AddColumn(new TableColumn("line").RightAligned().NoWrap());
        table.AddColumn("scenario / conversation");
        table.AddColumn(new TableColumn("channel").NoWrap());
        table.AddColumn("inputs");
        table.AddColumn(new TableColumn("code").NoWrap());
        table.AddColumn("customer");
        table.AddColumn("case");
        table.AddColumn(new TableColumn("trust").NoWrap());
        if (withNote)
        {
            table.AddColumn("why");
        }

        foreach (var row in rows)
        {
            var cells = new List<string>
            {
                row.Line.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.Label),
                row.Channel,
                Markup.Escape(string.Join(", ", row.Evidence.Select(e => e.Late ? "late " + e.Name : e.Name))),
                $"[{Colour(row.BaseCode)}]{Markup.Escape(row.Code ?? ReplaySummary.NoCode)}[/]",
                row.Customer is null ? "-" : Markup.Escape($"{row.Customer} ({row.CustomerTable})"),
                row.Case is null ? "-" : Markup.Escape(row.Case),
                row.Trust.Length == 0 ? "-" : row.Trust,
            };
            if (withNote)
            {
                cells.Add(Markup.Escape(row.Note));
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
    }

    private static string Colour(string code) => code switch
    {
        _ when OutcomeCode.Is(code, OutcomeCode.Linked) => "green",
        OutcomeCode.Several => "yellow",
        OutcomeCode.NotTrusted => "magenta",
        OutcomeCode.Error or ReplaySummary.NoCode => "red",
        _ => "grey",
    };

    /// <summary>A console on <paramref name="output"/>: coloured when <paramref name="colour"/>, plain otherwise, <paramref name="width"/> columns wide.</summary>
    public static IAnsiConsole Console(System.IO.TextWriter output, int width, bool colour)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }
}
