using System.Collections.Generic;
using System.Linq;
using Identification.Plugins.Evidence;
using Identification.Plugins.Identification;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins.Links;

/// <summary>A change to one link column: set, replace or remove.</summary>
public sealed class LinkChange
{
    public LinkChange(LinkField field, CurrentLink from, EntityReference? to)
    {
        Field = field;
        From = from;
        To = to;
    }

    public LinkField Field { get; }

    /// <summary>What the column holds before the change (empty, or the plug-in's own link).</summary>
    public CurrentLink From { get; }

    /// <summary>The new link, or null to remove the plug-in's link.</summary>
    public EntityReference? To { get; }

    /// <summary>The change undoes a link the plug-in made on less evidence.</summary>
    public bool IsCorrection => From.Value != null;
}

/// <summary>
/// What must change on the conversation for its links to be those the decision gives: only columns that are empty or
/// hold the plug-in's own link change; someone else's link never does. Also the claims to record first when the
/// plug-in is about to make links it has no claim of yet.
/// </summary>
public sealed class LinkPlan
{
    private LinkPlan(IReadOnlyList<LinkChange> changes, IReadOnlyList<LinkClaim> claims, EntityReference? customer, EntityReference? @case)
    {
        Changes = changes;
        Claims = claims;
        Customer = customer;
        Case = @case;
    }

    public IReadOnlyList<LinkChange> Changes { get; }

    /// <summary>Every claim of the plug-in once the plan is applied: those it had, and those of the links it is about to make.</summary>
    public IReadOnlyList<LinkClaim> Claims { get; }

    /// <summary>The plan makes a link the plug-in has no claim of yet: the claim must be recorded before the link is written.</summary>
    public bool HasNewClaims { get; private set; }

    /// <summary>The conversation's customer once the plan is applied.</summary>
    public EntityReference? Customer { get; }

    /// <summary>The conversation's case once the plan is applied.</summary>
    public EntityReference? Case { get; }

    public static LinkPlan For(ConversationState state, Decision decision)
    {
        var changes = new List<LinkChange>();
        var customer = Plan(state.Customer, decision.Customer, changes);
        var @case = Plan(state.Case, decision.Case, changes);

        // Claims first, so no run ever sees a link of the plug-in's that it cannot tell is the plug-in's.
        var keys = decision.CustomerKeys
            .Concat(decision.CaseBasis == CaseBasis.Number ? decision.CaseRule!.Keys : Enumerable.Empty<string>())
            .Distinct().ToList();
        var claims = state.Claims.ToList();
        foreach (var change in changes.Where(c => c.To != null && !claims.Any(claim => claim.Claims(state.Id, c.Field, c.To!))))
        {
            claims.Add(LinkClaim.For(state.Id, change.Field, change.To!, keys));
        }

        return new LinkPlan(changes, claims, customer, @case) { HasNewClaims = claims.Count > state.Claims.Count };
    }

    private static EntityReference? Plan(CurrentLink current, EntityReference? decided, List<LinkChange> changes)
    {
        if (current.Kept != null)
        {
            return current.Value;
        }

        if (!Same(current.Value, decided))
        {
            changes.Add(new LinkChange(current.Field, current, decided));
        }

        return decided;
    }

    private static bool Same(EntityReference? a, EntityReference? b) =>
        a == null ? b == null : b != null && a.Id == b.Id && a.LogicalName == b.LogicalName;
}
