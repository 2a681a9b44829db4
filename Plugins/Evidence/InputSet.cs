using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Configuration;

namespace Identification.Plugins.Evidence;

/// <summary>Where an input value came from; earlier sources win when two give the same key.</summary>
public enum InputSource
{
    ContextVariable,
    EngagementContext,
    ConversationRow,
}

/// <summary>One input value, as the customer (or a page, or a bot) gave it.</summary>
public sealed class Input
{
    public Input(string key, string value, InputSource source)
    {
        Key = key;
        Value = value;
        Source = source;
    }

    public string Key { get; }
    public string Value { get; }
    public InputSource Source { get; }
}

/// <summary>
/// The inputs of one conversation, keyed case-insensitively by canonical key. Untrusted: values that are too long
/// or hold control characters are refused (and said so), never cut down into a different match.
/// </summary>
public sealed class InputSet
{
    private readonly Dictionary<string, Input> _inputs = new Dictionary<string, Input>(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _refused = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why values were refused, for the outcome and the trace.</summary>
    public IReadOnlyList<string> Refused => _refused.Select(r => r.Key + " refused: " + r.Value).ToList();

    /// <summary>Adds a value unless the key already has one from an earlier (stronger) offer.</summary>
    public void Offer(string key, string? value, InputSource source)
    {
        if (value == null || _inputs.ContainsKey(key))
        {
            return;
        }

        // Dataverse compares strings ignoring trailing spaces; leading spaces are typing noise in a survey answer.
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }

        if (trimmed.Length > IdentificationSettings.MaximumInputLength)
        {
            _refused[key] = "longer than " + IdentificationSettings.MaximumInputLength + " characters";
            _inputs[key] = new Input(key, string.Empty, source);
            return;
        }

        if (trimmed.Any(char.IsControl))
        {
            _refused[key] = "contains control characters";
            _inputs[key] = new Input(key, string.Empty, source);
            return;
        }

        _inputs[key] = new Input(key, trimmed, source);
    }

    /// <summary>The usable value of a key; a refused key has none.</summary>
    public bool TryGet(string key, out string value)
    {
        if (_inputs.TryGetValue(key, out var input) && input.Value.Length > 0)
        {
            value = input.Value;
            return true;
        }

        value = string.Empty;
        return false;
    }

    public bool Has(string key) => TryGet(key, out _);

    /// <summary>Puts stronger inputs in front: each key they have replaces this set's value for it.</summary>
    public void Prepend(InputSet stronger)
    {
        foreach (var input in stronger._inputs.Values)
        {
            _inputs[input.Key] = input;
            _refused.Remove(input.Key);
        }

        foreach (var refusal in stronger._refused)
        {
            _refused[refusal.Key] = refusal.Value;
        }
    }

    /// <summary>The keys with usable values, for traces ("Name, Email").</summary>
    public string Describe() =>
        _inputs.Count == 0 ? "none" : string.Join(", ", _inputs.Values.Where(i => i.Value.Length > 0).Select(i => i.Key + " (" + i.Source + ")"));
}
