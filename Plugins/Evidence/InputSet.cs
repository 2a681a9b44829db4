using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Configuration;

namespace Identification.Plugins.Evidence;

/// <summary>Where an input came from, strongest first: a stronger source's value for a key hides a weaker one's.</summary>
public enum InputSource
{
    /// <summary>A parameter of an idf_IdentifyCustomer call: the bot's explicit value is the newest evidence.</summary>
    Request,

    ContextVariable,
    EngagementContext,
    ConversationRow,
}

/// <summary>
/// One input: its key and its values as given (trimmed). Usually one value; the voice and SMS contexts of a
/// conversation can give several different numbers, and then each is an input that must match.
/// </summary>
public sealed class Input
{
    public Input(string key, IReadOnlyList<string> values, InputSource source)
    {
        Key = key;
        Values = values;
        Source = source;
    }

    public string Key { get; }

    /// <summary>The distinct values, newest first; never empty.</summary>
    public IReadOnlyList<string> Values { get; }

    public InputSource Source { get; }
}

/// <summary>A value refused as input, and why; the key then has no value from any source.</summary>
public sealed class RefusedInput
{
    public RefusedInput(string key, string reason)
    {
        Key = key;
        Reason = reason;
    }

    public string Key { get; }
    public string Reason { get; }
}

/// <summary>
/// The inputs of one conversation, merged once from every source in precedence order and keyed case-insensitively.
/// Values are untrusted: a value that is too long or is not clean text (control characters, unpaired surrogates,
/// noncharacters) is refused and said so, never cut down or repaired into a different match.
/// </summary>
public sealed class InputSet
{
    private readonly Dictionary<string, Input> _inputs;

    private InputSet(Dictionary<string, Input> inputs, IReadOnlyList<RefusedInput> refused)
    {
        _inputs = inputs;
        Refused = refused;
    }

    public static InputSet Empty { get; } = new Builder().Build();

    /// <summary>The keys whose value was refused, in the order they were met.</summary>
    public IReadOnlyList<RefusedInput> Refused { get; }

    public bool IsEmpty => _inputs.Count == 0;

    public IEnumerable<Input> All => _inputs.Values;

    public bool TryGet(string key, out Input input) => _inputs.TryGetValue(key, out input!);

    public bool Has(string key) => _inputs.ContainsKey(key);

    /// <summary>For traces: "Name (ContextVariable), Phone (EngagementContext, 2 values)"; never the values.</summary>
    public string Describe() => _inputs.Count == 0
        ? "none"
        : string.Join(", ", _inputs.Values.Select(i => i.Key + " (" + i.Source + (i.Values.Count > 1 ? ", " + i.Values.Count + " values" : string.Empty) + ")"));

    /// <summary>True when both sets hold the same keys, values and sources: identification would decide the same.</summary>
    public bool SameAs(InputSet other)
    {
        if (other._inputs.Count != _inputs.Count || other.Refused.Count != Refused.Count)
        {
            return false;
        }

        foreach (var input in _inputs.Values)
        {
            if (!other._inputs.TryGetValue(input.Key, out var theirs) || theirs.Source != input.Source
                || !theirs.Values.SequenceEqual(input.Values, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return Refused.Select(r => r.Key + "\n" + r.Reason).SequenceEqual(other.Refused.Select(r => r.Key + "\n" + r.Reason), StringComparer.Ordinal);
    }

    /// <summary>
    /// Why a raw value cannot be used as input, or null when it can; <paramref name="clean"/> is the trimmed value
    /// (empty: no value at all, which is not a refusal).
    /// </summary>
    public static string? Check(string raw, out string clean)
    {
        // Dataverse compares strings ignoring trailing spaces; leading spaces are typing noise in a survey answer.
        clean = raw.Trim();
        if (clean.Length > IdentificationSettings.MaximumInputLength)
        {
            return "longer than " + IdentificationSettings.MaximumInputLength + " characters";
        }

        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            if (char.IsControl(c))
            {
                return "contains control characters";
            }

            if (char.IsHighSurrogate(c) && i + 1 < clean.Length && char.IsLowSurrogate(clean[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, clean[i + 1]);
                if ((codePoint & 0xFFFE) == 0xFFFE)
                {
                    return "contains a noncharacter";
                }

                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return "contains an unpaired surrogate (not valid text)";
            }

            if ((c >= '\uFDD0' && c <= '\uFDEF') || c == '\uFFFE' || c == '\uFFFF')
            {
                return "contains a noncharacter";
            }
        }

        return null;
    }

    /// <summary>Merges sources: offer the strongest source's values first; a key keeps the first source that offers it.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, Input> _inputs = new Dictionary<string, Input>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<RefusedInput> _refused = new List<RefusedInput>();

        /// <summary>
        /// Offers a key's values (newest first) from one source. Ignored when a stronger source already gave the key
        /// a value or a refusal; values that are empty after trimming do not count; a refused value refuses the key.
        /// </summary>
        public Builder Offer(string key, IEnumerable<string?> values, InputSource source)
        {
            if (_taken.Contains(key))
            {
                return this;
            }

            var clean = new List<string>();
            foreach (var value in values)
            {
                if (value == null)
                {
                    continue;
                }

                var refusal = Check(value, out var trimmed);
                if (refusal != null)
                {
                    _taken.Add(key);
                    _refused.Add(new RefusedInput(key, refusal));
                    return this;
                }

                if (trimmed.Length > 0 && !clean.Contains(trimmed, StringComparer.Ordinal))
                {
                    clean.Add(trimmed);
                }
            }

            if (clean.Count > 0)
            {
                _taken.Add(key);
                _inputs[key] = new Input(key, clean, source);
            }

            return this;
        }

        public Builder Offer(string key, string? value, InputSource source) => Offer(key, new[] { value }, source);

        /// <summary>Refuses a key outright (a value that cannot be read as text), unless a stronger source already gave it.</summary>
        public Builder Refuse(string key, string reason)
        {
            if (_taken.Add(key))
            {
                _refused.Add(new RefusedInput(key, reason));
            }

            return this;
        }

        public InputSet Build() => new InputSet(new Dictionary<string, Input>(_inputs, StringComparer.OrdinalIgnoreCase), _refused.ToList());
    }
}
