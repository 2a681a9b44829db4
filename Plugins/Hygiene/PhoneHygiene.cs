using System;
using System.Globalization;
using Identification.Plugins.Identification;

namespace Identification.Plugins.Hygiene;

/// <summary>What the hygiene step does with one phone column of the Target.</summary>
public enum PhoneHygieneOutcome
{
    /// <summary>Rewritten to its E.164 form.</summary>
    Rewritten,

    /// <summary>Null, empty or white space: nothing to rewrite.</summary>
    Empty,

    /// <summary>The column holds something other than text (not a phone column).</summary>
    NotText,

    /// <summary>Longer than <see cref="PhoneHygiene.MaximumLength"/>: not a phone number.</summary>
    TooLong,

    /// <summary>Already written <c>+</c> and 7 to 15 digits: the form it would be rewritten to.</summary>
    AlreadyE164,

    /// <summary>
    /// Holds letters, , ; # * (an extension, a pause, a note), control or format characters, or symbols outside the
    /// Basic Multilingual Plane besides the number: E.164 has no room for them, and rewriting would lose them.
    /// </summary>
    MoreThanANumber,

    /// <summary><see cref="PhoneNumbers.ToE164"/> cannot tell the E.164 form (no country code and no default, or not a number).</summary>
    CannotTell,
}

/// <summary>The decision for one value: its outcome and, when rewritten, the E.164 form.</summary>
public sealed class PhoneHygieneDecision
{
    public PhoneHygieneDecision(PhoneHygieneOutcome outcome, string? e164)
    {
        Outcome = outcome;
        E164 = e164;
    }

    public PhoneHygieneOutcome Outcome { get; }

    /// <summary>The value to store instead, when <see cref="Outcome"/> is <see cref="PhoneHygieneOutcome.Rewritten"/>.</summary>
    public string? E164 { get; }

    public override string ToString() => Outcome + (E164 == null ? string.Empty : " " + E164);
}

/// <summary>
/// Whether a stored phone value is rewritten to E.164, decided without doubt or not at all. The E.164 form is the plug-in's
/// own normaliser's (<see cref="PhoneNumbers.ToE164"/>), so the step and identification always agree on it. A value is
/// rewritten only when the normaliser gives a form, the value is not already in that form, and nothing but the number
/// would be lost (an extension, a note): anything else is left exactly as it was typed.
/// </summary>
public static class PhoneHygiene
{
    /// <summary>Longer values are not phone numbers (Dataverse's phone columns hold 50 characters) and are left alone unread.</summary>
    public const int MaximumLength = 100;

    private const int MinimumE164Digits = 7;
    private const int MaximumE164Digits = 15;
    private const string TelScheme = "tel:";

    public static PhoneHygieneDecision Decide(object? value, string? defaultCountryCode)
    {
        if (value == null)
        {
            return new PhoneHygieneDecision(PhoneHygieneOutcome.Empty, null);
        }

        if (!(value is string text))
        {
            return new PhoneHygieneDecision(PhoneHygieneOutcome.NotText, null);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new PhoneHygieneDecision(PhoneHygieneOutcome.Empty, null);
        }

        if (text.Length > MaximumLength)
        {
            return new PhoneHygieneDecision(PhoneHygieneOutcome.TooLong, null);
        }

        if (IsE164(text))
        {
            return new PhoneHygieneDecision(PhoneHygieneOutcome.AlreadyE164, null);
        }

        if (HoldsMoreThanANumber(text))
        {
            return new PhoneHygieneDecision(PhoneHygieneOutcome.MoreThanANumber, null);
        }

        // The normaliser promises an E.164 form or null; anything else it might return is treated as "cannot tell".
        var e164 = PhoneNumbers.ToE164(text, defaultCountryCode);
        return e164 != null && IsE164(e164) && !string.Equals(e164, text, StringComparison.Ordinal)
            ? new PhoneHygieneDecision(PhoneHygieneOutcome.Rewritten, e164)
            : new PhoneHygieneDecision(PhoneHygieneOutcome.CannotTell, null);
    }

    /// <summary>Why a column was rewritten or left, for the trace (never the value: traces are kept, numbers are personal data).</summary>
    public static string Describe(PhoneHygieneOutcome outcome, string? defaultCountryCode) => outcome switch
    {
        PhoneHygieneOutcome.Rewritten => "rewritten to E.164",
        PhoneHygieneOutcome.Empty => "left as it is: empty",
        PhoneHygieneOutcome.NotText => "left as it is: not text, so not a phone column",
        PhoneHygieneOutcome.TooLong => "left as it is: longer than " + MaximumLength + " characters, so not a phone number",
        PhoneHygieneOutcome.AlreadyE164 => "left as it is: already E.164",
        PhoneHygieneOutcome.MoreThanANumber => "left as it is: it holds letters, , ; # *, or control characters besides the number (an extension, a pause or a note), which E.164 cannot keep",
        PhoneHygieneOutcome.CannotTell => defaultCountryCode == null
            ? "left as it is: its E.164 form cannot be told (no country code in it, and no defaultCountryCode configured; or not a phone number)"
            : "left as it is: its E.164 form cannot be told with default country code " + defaultCountryCode + " (not a phone number the normaliser can read)",
        _ => "left as it is",
    };

    /// <summary>"+" and 7 to 15 ASCII digits, the first not 0: E.164 as Dataverse and Omnichannel store it.</summary>
    public static bool IsE164(string text)
    {
        if (text.Length < 1 + MinimumE164Digits || text.Length > 1 + MaximumE164Digits || text[0] != '+' || text[1] == '0')
        {
            return false;
        }

        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] < '0' || text[i] > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool HoldsMoreThanANumber(string text)
    {
        var trimmed = text.TrimStart();
        var start = trimmed.StartsWith(TelScheme, StringComparison.OrdinalIgnoreCase) ? text.Length - trimmed.Length + TelScheme.Length : 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetter(c) || c == ',' || c == ';' || c == '#' || c == '*' || char.IsSurrogate(c)
                || (char.IsControl(c) && !char.IsWhiteSpace(c)) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }
}
