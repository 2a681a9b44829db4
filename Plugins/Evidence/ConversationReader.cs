using System;
using System.Linq;
using Identification.Plugins.Configuration;
using Identification.Plugins.Identification;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.Plugins.Evidence;

/// <summary>
/// Gathers the evidence of one conversation: its own row (state, existing links, configured columns), the phone of
/// its voice or SMS context (one query), and its context variables (one query), each with named columns and a row cap.
/// </summary>
public sealed class ConversationReader
{
    /// <summary>Context variables read per conversation; Omnichannel sets a few dozen at most.</summary>
    public const int ContextItemCap = 250;

    // A conversation has one voice or SMS context; the cap only guards against a malformed organization.
    private const int EngagementRowCap = 10;
    private const string VoiceAlias = "voice";
    private const string SmsAlias = "sms";

    private readonly IRecordSource _records;
    private readonly IdentificationSettings _settings;

    public ConversationReader(IRecordSource records, IdentificationSettings settings)
    {
        _records = records;
        _settings = settings;
    }

    /// <summary>
    /// The conversation's current state and links, or null when it does not exist. Always read from the organization,
    /// never from the trigger's Target: an asynchronous run starts after others may have linked the conversation.
    /// </summary>
    public ConversationSnapshot? ReadConversation(Trigger trigger)
    {
        var query = new QueryExpression(Schema.Conversation.Table)
        {
            ColumnSet = new ColumnSet(new[] { Schema.Conversation.StateCode, Schema.Conversation.Customer, Schema.Conversation.Case }
                .Concat(_settings.ConversationColumns.Values).Distinct().ToArray()),
            TopCount = EngagementRowCap,
        };
        query.Criteria.AddCondition(Schema.Conversation.Id, ConditionOperator.Equal, trigger.ConversationId);
        var voice = query.AddLink(Schema.VoiceContext.Table, Schema.Conversation.Id, Schema.VoiceContext.Conversation, JoinOperator.LeftOuter);
        voice.EntityAlias = VoiceAlias;
        voice.Columns = new ColumnSet(Schema.VoiceContext.FromPhone);
        var sms = query.AddLink(Schema.SmsContext.Table, Schema.Conversation.Id, Schema.SmsContext.Conversation, JoinOperator.LeftOuter);
        sms.EntityAlias = SmsAlias;
        sms.Columns = new ColumnSet(Schema.SmsContext.CustomerPhone, Schema.SmsContext.CountryCode);

        var rows = _records.Query(query);
        if (rows.Count == 0)
        {
            return null;
        }

        var first = rows[0];
        var snapshot = new ConversationSnapshot(trigger.ConversationId, IsOpen(first), first.GetAttributeValue<EntityReference>(Schema.Conversation.Customer),
            first.GetAttributeValue<EntityReference>(Schema.Conversation.Case));
        snapshot.Inputs.Offer(InputKeys.Phone, EngagementPhone(rows), InputSource.EngagementContext);
        OfferConversationColumns(snapshot, first);
        return snapshot;
    }

    /// <summary>Adds the conversation's context variables, the newest value of a variable first (it wins).</summary>
    public void ReadContextVariables(ConversationSnapshot snapshot)
    {
        var query = new QueryExpression(Schema.ContextItem.Table)
        {
            ColumnSet = new ColumnSet(Schema.ContextItem.Name, Schema.ContextItem.Value),
            TopCount = ContextItemCap,
        };
        query.Criteria.AddCondition(Schema.ContextItem.Conversation, ConditionOperator.Equal, snapshot.Id);
        query.AddOrder("createdon", OrderType.Descending);

        // Engagement and row values were offered first but must lose to explicit context variables.
        var variables = new InputSet();
        foreach (var item in _records.Query(query))
        {
            var name = item.GetAttributeValue<string>(Schema.ContextItem.Name);
            if (name == null)
            {
                continue;
            }

            if (string.Equals(name, Schema.ContextItem.OutcomeName, StringComparison.OrdinalIgnoreCase))
            {
                snapshot.OutcomeItemId = item.Id;
                snapshot.OutcomeText = item.GetAttributeValue<string>(Schema.ContextItem.Value);
                continue;
            }

            variables.Offer(_settings.CanonicalKey(name), item.GetAttributeValue<string>(Schema.ContextItem.Value), InputSource.ContextVariable);
        }

        snapshot.Inputs.Prepend(variables);
    }

    private void OfferConversationColumns(ConversationSnapshot snapshot, Entity row)
    {
        foreach (var column in _settings.ConversationColumns)
        {
            snapshot.Inputs.Offer(column.Key, row.Contains(column.Value) ? row[column.Value]?.ToString() : null, InputSource.ConversationRow);
        }
    }

    private static bool IsOpen(Entity conversation)
    {
        var state = conversation.GetAttributeValue<OptionSetValue>(Schema.Conversation.StateCode);
        return state == null || state.Value == Schema.Conversation.StateOpen;
    }

    private static string? EngagementPhone(System.Collections.Generic.IReadOnlyList<Entity> rows)
    {
        foreach (var row in rows)
        {
            var caller = Aliased(row, VoiceAlias, Schema.VoiceContext.FromPhone);
            if (!string.IsNullOrWhiteSpace(caller))
            {
                return caller;
            }

            var texter = Aliased(row, SmsAlias, Schema.SmsContext.CustomerPhone);
            if (!string.IsNullOrWhiteSpace(texter))
            {
                return PhoneNumbers.WithCountryCode(texter!, Aliased(row, SmsAlias, Schema.SmsContext.CountryCode));
            }
        }

        return null;
    }

    private static string? Aliased(Entity row, string alias, string column) =>
        row.GetAttributeValue<AliasedValue>(alias + "." + column)?.Value as string;
}
