using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Identification.Identify.Replay;

/// <summary>
/// A one-line progress bar on stderr, redrawn with a carriage return. Only for a terminal: when stderr is
/// redirected the caller passes no bar, so logs get no control characters. Appears after a second, so short
/// runs stay quiet.
/// </summary>
internal sealed class ProgressBar
{
    private const int Width = 30;
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly TextWriter _terminal;
    private readonly string _label;
    private readonly long _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastDrawn = TimeSpan.Zero;
    private bool _drawn;

    public ProgressBar(TextWriter terminal, string label, long total)
    {
        _terminal = terminal;
        _label = label;
        _total = total;
    }

    /// <summary>
    /// Yields <paramref name="items"/> as they are read, telling <paramref name="bar"/> (if any) the count every 10,000
    /// items, and clears the bar when they are all read or the reader stops (an error, for instance).
    /// </summary>
    public static IEnumerable<T> Counting<T>(IEnumerable<T> items, ProgressBar? bar)
    {
        const int ReportEvery = 10_000;
        long read = 0;
        try
        {
            foreach (var item in items)
            {
                if (++read % ReportEvery == 0)
                {
                    bar?.Report(read);
                }

                yield return item;
            }
        }
        finally
        {
            bar?.Finish();
        }
    }

    /// <summary>Redraws if enough time has passed since the last redraw.</summary>
    public void Report(long done)
    {
        var now = _clock.Elapsed;
        if (now < Delay || now - _lastDrawn < Interval)
        {
            return;
        }

        _lastDrawn = now;
        _drawn = true;
        var c = CultureInfo.InvariantCulture;
        var rate = done / now.TotalSeconds;
        string line;
        if (_total > 0)
        {
            var filled = (int)(Width * Math.Min(done, _total) / _total);
            line = string.Format(c, "{0} [{1}{2}] {3:N0}/{4:N0} ({5:N0}/s)", _label, new string('#', filled), new string('.', Width - filled), done, _total, rate);
        }
        else
        {
            line = string.Format(c, "{0} {1:N0} ({2:N0}/s)", _label, done, rate);
        }

        var width = SafeWidth() - 1;
        _terminal.Write("\r" + (line.Length > width ? line[..width] : line.PadRight(width)));
    }

    /// <summary>Clears the bar so the summary starts on a clean line.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            _terminal.Write("\r" + new string(' ', Math.Max(0, SafeWidth() - 1)) + "\r");
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.BufferWidth > 0 ? Console.BufferWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
