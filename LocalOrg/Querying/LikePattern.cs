using System;
using System.Collections.Generic;

namespace Identification.LocalOrg;

/// <summary>
/// A SQL Server LIKE pattern as Dataverse evaluates it: <c>%</c> any run of characters, <c>_</c> one character,
/// <c>[abc]</c>, <c>[a-f]</c> and <c>[^a-f]</c> character classes, and <c>[%]</c>, <c>[_]</c>, <c>[[]</c> to match
/// those characters literally. Matching follows the collation (case-insensitive, accents as it says); trailing spaces of the
/// value are ignored, those of the pattern are not.
/// </summary>
internal sealed class LikePattern
{
    private readonly Token[] tokens;
    private readonly Collation collation;

    private LikePattern(Token[] tokens, string text, Collation collation)
    {
        this.tokens = tokens;
        this.collation = collation;
        Text = text;
    }

    public string Text { get; }

    public static LikePattern Parse(string pattern, Collation collation)
    {
        var folded = collation.FoldKeepingTrailingSpaces(pattern);
        var tokens = new List<Token>();
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            switch (c)
            {
                case '%':
                    if (tokens.Count == 0 || tokens[^1].Kind != TokenKind.AnyRun)
                    {
                        tokens.Add(new Token(TokenKind.AnyRun));
                    }

                    break;
                case '_':
                    tokens.Add(new Token(TokenKind.AnyOne));
                    break;
                case '[':
                    var close = folded.IndexOf(']', i + 2 <= folded.Length ? i + 2 : folded.Length);
                    if (close < 0)
                    {
                        // SQL Server treats an unclosed bracket as an ordinary character.
                        tokens.Add(new Token(TokenKind.Literal, c));
                        break;
                    }

                    tokens.Add(ParseClass(folded.AsSpan(i + 1, close - i - 1)));
                    i = close;
                    break;
                default:
                    tokens.Add(new Token(TokenKind.Literal, c));
                    break;
            }
        }

        return new LikePattern([.. tokens], pattern, collation);
    }

    public bool IsMatch(string value)
    {
        var text = collation.Fold(value);
        int t = 0, v = 0, runToken = -1, runValue = 0;
        while (v < text.Length)
        {
            if (t < tokens.Length && tokens[t].Kind == TokenKind.AnyRun)
            {
                runToken = t++;
                runValue = v;
            }
            else if (t < tokens.Length && tokens[t].Matches(text[v]))
            {
                t++;
                v++;
            }
            else if (runToken >= 0)
            {
                // Let the last % absorb one more character and retry from there.
                t = runToken + 1;
                v = ++runValue;
            }
            else
            {
                return false;
            }
        }

        while (t < tokens.Length && tokens[t].Kind == TokenKind.AnyRun)
        {
            t++;
        }

        return t == tokens.Length;
    }

    // Inside brackets: a leading ^ negates, a-b is a range, anything else (including % and _) is literal.
    // "[]" can't occur here because the closing bracket is searched from the second character on, so "[]]" is "]".
    private static Token ParseClass(ReadOnlySpan<char> body)
    {
        var negated = body.Length > 1 && body[0] == '^';
        if (negated)
        {
            body = body[1..];
        }

        var ranges = new List<(char From, char To)>();
        for (var i = 0; i < body.Length; i++)
        {
            if (i + 2 < body.Length && body[i + 1] == '-')
            {
                ranges.Add((body[i], body[i + 2]));
                i += 2;
            }
            else
            {
                ranges.Add((body[i], body[i]));
            }
        }

        return new Token(TokenKind.Class, ranges: [.. ranges], negated: negated);
    }

    private enum TokenKind
    {
        Literal,
        AnyOne,
        AnyRun,
        Class,
    }

    private readonly struct Token(TokenKind kind, char literal = default, (char From, char To)[]? ranges = null, bool negated = false)
    {
        public TokenKind Kind { get; } = kind;

        public bool Matches(char c)
        {
            switch (Kind)
            {
                case TokenKind.AnyOne:
                    return true;
                case TokenKind.Literal:
                    return c == literal;
                case TokenKind.Class:
                    var inClass = false;
                    foreach (var (from, to) in ranges!)
                    {
                        inClass |= c >= from && c <= to;
                    }

                    return inClass != negated;
                default:
                    return false;
            }
        }
    }
}
