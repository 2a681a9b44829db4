using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Links;

/// <summary>
/// The plug-in's claim that it linked a record in one of a conversation's link columns, and on which inputs. Kept
/// in the plug-in's code item (see <see cref="Outcome.CodeItem"/>), which is found by an id derived from the
/// conversation and written only when still the version the run read, so claims are never lost or forged. A claim
/// names the record by a token, a hash salted with the conversation, never by its id: the code item holds no
/// personal data, yet a run can tell whether the link it finds is one it made.
/// </summary>
public sealed class LinkClaim
{
    private const int TokenLength = 16;

    public LinkClaim(LinkField field, string token, IReadOnlyList<string> keys)
    {
        Field = field;
        Token = token;
        Keys = keys;
    }

    public LinkField Field { get; }

    /// <summary>16 hex digits of SHA-256 over the conversation, the column and the record.</summary>
    public string Token { get; }

    /// <summary>The input keys the link was made on (key names only, never values).</summary>
    public IReadOnlyList<string> Keys { get; }

    public static LinkClaim For(Guid conversationId, LinkField field, EntityReference link, IReadOnlyList<string> keys) =>
        new LinkClaim(field, TokenFor(conversationId, field, link), keys);

    /// <summary>Whether this claim is of exactly this link in this column.</summary>
    public bool Claims(Guid conversationId, LinkField field, EntityReference link) =>
        Field == field && string.Equals(Token, TokenFor(conversationId, field, link), StringComparison.Ordinal);

    private static string TokenFor(Guid conversationId, LinkField field, EntityReference link)
    {
        var text = conversationId.ToString("D") + "/" + field.Name + "/" + link.LogicalName + ":" + link.Id.ToString("D");
        byte[] hash;
        using (var sha = SHA256.Create())
        {
            hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        }

        return string.Concat(hash.Take(TokenLength / 2).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
