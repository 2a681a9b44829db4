using System;
using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Links;

namespace Identification.Plugins.Outcome;

/// <summary>
/// The value of the non-displayable "Customer identification code" variable: the outcome code reports read (the text
/// before the first " | "), then the plug-in's claims of the links it made:
/// <c>linked:identifier | customer 3f9a1c2b7d4e5f60 on Name, Email | case 0b1c2d3e4f5a6b7c on CaseNumber</c>.
/// </summary>
public sealed class CodeItem
{
    private const string Separator = " | ";
    private const string On = " on ";
    private static readonly string[] Separators = { Separator };
    private static readonly string[] KeySeparators = { ", " };

    public CodeItem(string code, IReadOnlyList<LinkClaim> claims)
    {
        Code = code;
        Claims = claims;
    }

    /// <summary>The outcome code, e.g. "linked:identifier" or "none;corrected".</summary>
    public string Code { get; }

    public IReadOnlyList<LinkClaim> Claims { get; }

    public string Value => Code + string.Concat(Claims.Select(c => Separator + c.Field.Name + " " + c.Token + On + string.Join(", ", c.Keys)));

    /// <summary>A value as stored; parts that are not well-formed claims are ignored (they claim nothing).</summary>
    public static CodeItem Parse(string? value)
    {
        var parts = (value ?? string.Empty).Split(Separators, StringSplitOptions.None);
        var claims = new List<LinkClaim>();
        foreach (var part in parts.Skip(1))
        {
            var space = part.IndexOf(' ');
            var on = part.IndexOf(On, StringComparison.Ordinal);
            var field = space < 0 ? null : LinkField.Named(part.Substring(0, space));
            if (field == null || on <= space)
            {
                continue;
            }

            var keys = part.Substring(on + On.Length).Split(KeySeparators, StringSplitOptions.RemoveEmptyEntries);
            claims.Add(new LinkClaim(field, part.Substring(space + 1, on - space - 1), keys));
        }

        return new CodeItem(parts[0], claims);
    }
}
