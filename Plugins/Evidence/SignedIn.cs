using System;

namespace Identification.Plugins.Evidence;

/// <summary>
/// What a chat's live-chat context says about who is on the other end. Only an authenticated chat whose portal
/// contact id is a record id names someone; anything else is not trusted, and says why.
/// </summary>
public sealed class SignedIn
{
    private SignedIn(Guid? recordId, string? notTrusted)
    {
        RecordId = recordId;
        NotTrusted = notTrusted;
    }

    /// <summary>No live-chat context, or one that names nobody.</summary>
    public static SignedIn Nobody { get; } = new SignedIn(null, null);

    /// <summary>The id the portal vouched for (the JWT "sub" claim), or null.</summary>
    public Guid? RecordId { get; }

    /// <summary>Why a portal identity that was given is not used, or null.</summary>
    public string? NotTrusted { get; }

    /// <summary>Reads the newest live-chat context that gives a portal identity.</summary>
    public static SignedIn From(string? portalContactId, bool? isAuthenticated)
    {
        if (string.IsNullOrWhiteSpace(portalContactId))
        {
            return Nobody;
        }

        if (isAuthenticated != true)
        {
            return new SignedIn(null, "the chat is not authenticated, so its portal contact id is not trusted");
        }

        return Guid.TryParse(portalContactId!.Trim(), out var id)
            ? new SignedIn(id, null)
            : new SignedIn(null, "the signed-in identity is not a record id, so it is not used");
    }

    public bool SameAs(SignedIn other) => RecordId == other.RecordId && string.Equals(NotTrusted, other.NotTrusted, StringComparison.Ordinal);
}
