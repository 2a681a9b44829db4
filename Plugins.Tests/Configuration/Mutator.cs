using System;

namespace Identification.Plugins.Tests.Configuration;

/// <summary>
/// Deterministic careless and hostile edits of a text: one to four insertions, deletions, replacements or
/// duplications, the inserted pieces drawn from what matters to JSON and FetchXML, and from what no
/// configuration should hold. The same seed gives the same edits on every run.
/// </summary>
internal sealed class Mutator
{
    private static readonly string[] Pieces =
    [
        "{", "}", "[", "]", ":", ",", "\"", "\\", " ", "\n", "\r\n", "\t", "\0", "0", "02", "-", ".", "e", "1e400", "-0", "true", "null",
        "\\u", "\\u0027", "\\u0000", "\\uD800", "\\uDC00", "\\uD83D\\uDE00", "\uD800", "\uDC00", "\uFFFE", "\uFEFF", "é", "😀",
        "<", ">", "/", "'", "&", "&amp;", "<!DOCTYPE fetch [<!ENTITY e 'x'>]>", "<?pi x?>", "x:", " xmlns:x='urn:x'", " xmlns='urn:x'",
        "${", "${Key}", " alias='fullname'", "<filter>", "</filter>", "<all-attributes/>", "<x:all-attributes/>", " link-type='outer'", "gt", "not-", "%",
        "\"placeholderOperators\": [\"gt\"], ",
        "\"__type\": \"x\", ", "\"tables\": [\"contact\"], ", "\"minimumMatchingInputs\": 1, ", "\"columns\": {\"Code\": \"new_code\"}, ",
    ];

    private readonly Random _random;

    public Mutator(int seed)
    {
        _random = new Random(seed);
    }

    public string Mutate(string text)
    {
        var edits = _random.Next(1, 5);
        for (var i = 0; i < edits; i++)
        {
            text = Edit(text);
        }

        return text;
    }

    private string Edit(string text)
    {
        var at = _random.Next(text.Length + 1);
        var length = Math.Min(_random.Next(1, 9), text.Length - at);
        return _random.Next(4) switch
        {
            0 => text.Insert(at, Pieces[_random.Next(Pieces.Length)]),
            1 => text.Remove(at, length),
            2 => text.Remove(at, length).Insert(at, Pieces[_random.Next(Pieces.Length)]),
            _ => text.Insert(_random.Next(text.Length + 1), text.Substring(at, Math.Min(_random.Next(1, 33), text.Length - at))),
        };
    }
}
