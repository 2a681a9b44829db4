using System.Globalization;
using System.Linq;

namespace Identification.Identify.Reports;

/// <summary>
/// Personal data as the reports show it unless <c>--show-values</c>: enough to tell values apart in a list, never enough
/// to read one. An email keeps its first character and its domain (<c>a***@example.com</c>), a phone number its first
/// character and last two digits (<c>+***00</c>), anything else its first character (<c>A***</c>); the length never shows.
/// </summary>
internal static class Masking
{
    private const string Mark = "***";

    public static string Mask(string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var first = StringInfo.GetNextTextElementLength(value);
        var at = value.LastIndexOf('@');
        if (at > 0 && at < value.Length - 1 && value.IndexOf('@') == at)
        {
            return value[..System.Math.Min(first, at)] + Mark + value[at..];
        }

        if (value.Count(char.IsAsciiDigit) >= 6 && value.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '.' or '(' or ')'))
        {
            return value[..first] + Mark + value[^2..];
        }

        return value[..first] + Mark;
    }
}
