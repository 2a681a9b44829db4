using System;
using Identification.Plugins.Configuration;
using Identification.Plugins.Evidence;
using Identification.Plugins.Identification;
using Identification.Plugins.Links;
using Identification.Plugins.Outcome;
using Microsoft.Xrm.Sdk;

namespace Identification.Plugins;

/// <summary>
/// One execution for one conversation (SPEC §3.8): read everything known about it, identify over all of that
/// evidence, change only what must change, then read again, until a read finds nothing left to change. Whatever the
/// order in which evidence arrives and runs interleave, the run that reads last finds the links one identification
/// over all the evidence gives: a run that decided on stale evidence either loses its write to the row-version check
/// or sees the new evidence on the read after its write, and corrects itself.
/// </summary>
internal sealed class IdentificationRun
{
    /// <summary>Reads per run at most: decide and write, verify; more only while other runs keep changing the conversation.</summary>
    public const int MaximumPasses = 4;

    private readonly IdentificationSettings _settings;
    private readonly string? _configurationError;
    private readonly ConversationStateReader _reader;
    private readonly IdentificationEngine _engine;
    private readonly ConversationWriter _writer;
    private readonly Action<string> _trace;

    /// <param name="configurationError">Why the step's configuration cannot be used: then only that is recorded, links are left alone.</param>
    public IdentificationRun(IdentificationSettings settings, string? configurationError, ConversationStateReader reader, IdentificationEngine engine,
        ConversationWriter writer, Action<string> trace)
    {
        _settings = settings;
        _configurationError = configurationError;
        _reader = reader;
        _engine = engine;
        _writer = writer;
        _trace = trace;
    }

    /// <summary>The conversation as last read, for recording a failure.</summary>
    public ConversationState? LastState { get; private set; }

    /// <summary>The decision of the last pass, and the outcome it wrote or found written (null when nothing was identified).</summary>
    public Decision? LastDecision { get; private set; }

    public OutcomeText? LastOutcome { get; private set; }

    public void Execute(Guid conversationId)
    {
        ConversationState? decidedOn = null;
        Decision? decision = null;
        for (var pass = 1; pass <= MaximumPasses; pass++)
        {
            var state = LastState = _reader.Read(conversationId);
            if (state == null || !state.IsOpen)
            {
                _trace("Nothing to identify: the conversation " + (state == null ? "does not exist" : "is closed") + ".");
                return;
            }

            if (_configurationError != null)
            {
                _writer.WriteOutcome(conversationId, state, OutcomeText.Failure(
                    "the step's configuration is invalid, so identification was skipped: " + _configurationError, Array.Empty<EntityReference>(), _settings));
                return;
            }

            // The same evidence and the same kept links give the same decision: a verifying pass asks no rule again.
            if (decision == null || !SameEvidence(decidedOn!, state))
            {
                decision = _engine.Identify(state.Inputs, state.SignedIn, state.Customer.Kept, state.Case.Kept, state.CaseCustomer);
                decidedOn = state;
            }

            var plan = LinkPlan.For(state, decision);
            var outcome = OutcomeText.For(decision, plan, _settings);
            LastDecision = decision;
            LastOutcome = outcome;
            if (plan.Changes.Count == 0 && !plan.HasNewClaims && outcome.IsWritten(state.OutcomeText, state.Code?.Code))
            {
                _trace("Done: " + outcome.Line);
                return;
            }

            _trace("Pass " + pass + ": " + outcome.Line);
            if (!_writer.Apply(state, plan, outcome))
            {
                _trace("Pass " + pass + " wrote nothing: the conversation changed since it was read.");
            }
        }

        _trace("Stopped after " + MaximumPasses + " passes: the conversation kept changing under this run; the run that changed it finishes the work.");
    }

    private static bool SameEvidence(ConversationState before, ConversationState now) =>
        now.Inputs.SameAs(before.Inputs) && now.SignedIn.SameAs(before.SignedIn)
        && Same(now.Customer.Kept, before.Customer.Kept) && Same(now.Case.Kept, before.Case.Kept)
        && (now.Case.Kept == null || Same(now.CaseCustomer, before.CaseCustomer));

    private static bool Same(EntityReference? a, EntityReference? b) => a == null ? b == null : b != null && a.Id == b.Id;
}
