namespace Identification.Identify.Cli;

/// <summary>
/// Standard output is a terminal <paramref name="Width"/> columns wide; <paramref name="Colour"/> when it takes colours
/// (no <c>NO_COLOR</c>, a <c>TERM</c> other than <c>dumb</c>). Passed in rather than read from the console so tests
/// choose it: without one, output is taken as redirected.
/// </summary>
internal sealed record TerminalOutput(int Width, bool Colour)
{
    /// <summary>What the process's standard output is: null when redirected.</summary>
    public static TerminalOutput? Detect()
    {
        if (System.Console.IsOutputRedirected)
        {
            return null;
        }

        int width;
        try
        {
            width = System.Console.WindowWidth > 0 ? System.Console.WindowWidth : 120;
        }
        catch (System.IO.IOException)
        {
            width = 120;
        }

        var noColour = !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR"))
            || System.Environment.GetEnvironmentVariable("TERM") == "dumb";
        return new TerminalOutput(width, !noColour);
    }
}
