using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Identification.Plugins.Configuration;
using Identification.Plugins.Identification;
using Identification.Plugins.Links;
using Identification.Plugins.Outcome;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Identification.Plugins.Evidence;

/// <summary>
/// Reads a conversation's state in one query: the conversation row with, through outer link-entities, its voice, SMS
/// and live-chat contexts, the context variables some rule reads (by name, so their number does not matter) and the plug-in's
/// own items, and the records its links point at (for their names and the case's customer). Then merges the evidence
/// once, strongest source first: context variables (the newest value of each), the engagement contexts' numbers,
/// the configured columns of the conversation row.
/// </summary>
public sealed class ConversationStateReader
{
    /// <summary>
    /// Rows of the one read: every combination of voice context, SMS context and context variable. A conversation has
    /// one engagement context and a few dozen variables; past this the read is refused instead of deciding on part of it.
    /// </summary>
    public const int RowCap = 5000;

    private const string Voice = "voice";
    private const string Sms = "sms";
    private const string LiveChat = "livechat";
    private const string Item = "item";
    private const string CustomerContact = "customercontact";
    private const string CustomerAccount = "customeraccount";
    private const string CurrentCase = "currentcase";

    private readonly IRecordSource _records;
    private readonly IdentificationSettings _settings;

    public ConversationStateReader(IRecordSource records, IdentificationSettings settings)
    {
        _records = records;
        _settings = settings;
    }

    /// <summary>The conversation's state, or null when it does not exist.</summary>
    public ConversationState? Read(Guid conversationId)
    {
        var rows = _records.Query(Query(conversationId));
        if (rows.Count == 0)
        {
            return null;
        }

        if (rows.Count >= RowCap)
        {
            throw new InvalidOperationException("The conversation has more evidence than one read holds (" + RowCap
                + " rows of engagement contexts and context variables); identification would decide on part of it.");
        }

        var root = rows[0];
        var items = Distinct(rows, Item, Schema.ContextItem.Id).Select(row => new ContextItemRow(row)).ToList();
        var outcome = items.FirstOrDefault(i => i.Id == PluginItems.OutcomeId(conversationId));
        var code = items.FirstOrDefault(i => i.Id == PluginItems.CodeId(conversationId));
        var claims = code == null ? null : CodeItem.Parse(code.Value);

        var customer = root.GetAttributeValue<EntityReference>(Schema.Conversation.Customer);
        var @case = root.GetAttributeValue<EntityReference>(Schema.Conversation.Case);
        return new ConversationState(
            conversationId,
            IsOpen(root),
            root.RowVersion,
            CurrentLink.Classify(conversationId, LinkField.Customer,
                Named(customer, Aliased<string>(root, CustomerContact, Schema.Contact.FullName) ?? Aliased<string>(root, CustomerAccount, Schema.Account.Name)),
                claims?.Claims ?? Array.Empty<LinkClaim>()),
            CurrentLink.Classify(conversationId, LinkField.Case, Named(@case, Aliased<string>(root, CurrentCase, Schema.Incident.TicketNumber)),
                claims?.Claims ?? Array.Empty<LinkClaim>()),
            Aliased<EntityReference>(root, CurrentCase, Schema.Incident.Customer),
            Inputs(conversationId, root, rows, items),
            SignedInOf(rows),
            outcome?.Value,
            outcome != null,
            claims,
            code?.Version);
    }

    private QueryExpression Query(Guid conversationId)
    {
        var query = new QueryExpression(Schema.Conversation.Table)
        {
            ColumnSet = new ColumnSet(new[] { Schema.Conversation.StateCode, Schema.Conversation.Customer, Schema.Conversation.Case }
                .Concat(_settings.ConversationColumns.Values).Distinct().ToArray()),
            TopCount = RowCap,
        };
        query.Criteria.AddCondition(Schema.Conversation.Id, ConditionOperator.Equal, conversationId);
        Link(query, Schema.VoiceContext.Table, Schema.Conversation.Id, Schema.VoiceContext.Conversation, Voice,
            Schema.VoiceContext.Id, Schema.VoiceContext.FromPhone, Schema.VoiceContext.CreatedOn);
        Link(query, Schema.SmsContext.Table, Schema.Conversation.Id, Schema.SmsContext.Conversation, Sms,
            Schema.SmsContext.Id, Schema.SmsContext.CustomerPhone, Schema.SmsContext.CountryCode, Schema.SmsContext.CreatedOn);
        Link(query, Schema.LiveChatContext.Table, Schema.Conversation.Id, Schema.LiveChatContext.Conversation, LiveChat,
            Schema.LiveChatContext.Id, Schema.LiveChatContext.PortalContactId, Schema.LiveChatContext.IsAuthenticated, Schema.LiveChatContext.CreatedOn);
        var items = Link(query, Schema.ContextItem.Table, Schema.Conversation.Id, Schema.ContextItem.Conversation, Item,
            Schema.ContextItem.Id, Schema.ContextItem.Name, Schema.ContextItem.Value, Schema.ContextItem.CreatedOn, Schema.ContextItem.ModifiedOn,
            Schema.ContextItem.VersionNumber);
        items.LinkCriteria.AddCondition(Schema.ContextItem.Name, ConditionOperator.In, VariableNames().Cast<object>().ToArray());
        Link(query, Schema.Contact.Table, Schema.Conversation.Customer, Schema.Contact.Id, CustomerContact, Schema.Contact.FullName);
        Link(query, Schema.Account.Table, Schema.Conversation.Customer, Schema.Account.Id, CustomerAccount, Schema.Account.Name);
        Link(query, Schema.Incident.Table, Schema.Conversation.Case, Schema.Incident.Id, CurrentCase, Schema.Incident.TicketNumber, Schema.Incident.Customer);
        return query;
    }

    /// <summary>The variable names worth reading: every name some rule reads (keys and their aliases) and the plug-in's own items.</summary>
    private IEnumerable<string> VariableNames() =>
        _settings.VariableNames.Concat(new[] { Schema.ContextItem.OutcomeName, Schema.ContextItem.CodeName })
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private static LinkEntity Link(QueryExpression query, string table, string from, string to, string alias, params string[] columns)
    {
        var link = query.AddLink(table, from, to, JoinOperator.LeftOuter);
        link.EntityAlias = alias;
        link.Columns = new ColumnSet(columns);
        return link;
    }

    private InputSet Inputs(Guid conversationId, Entity root, IReadOnlyList<Entity> rows, IReadOnlyList<ContextItemRow> items)
    {
        var inputs = new InputSet.Builder();

        // Context variables first; of several values of one variable the newest wins, by a total order.
        var variables = items
            .Where(i => i.Name != null && !PluginItems.IsOutcomeOrCode(conversationId, i.Id) && !IsReserved(i.Name))
            .GroupBy(i => _settings.CanonicalKey(i.Name!), StringComparer.OrdinalIgnoreCase)
            .Where(g => _settings.IsInputKey(g.Key));
        foreach (var variable in variables)
        {
            var newest = variable.OrderByDescending(i => i.ModifiedOn).ThenByDescending(i => i.CreatedOn).ThenByDescending(i => i.Id).First();
            inputs.Offer(variable.Key, newest.Value, InputSource.ContextVariable);
        }

        inputs.Offer(InputKeys.Phone, EngagementNumbers(rows), InputSource.EngagementContext);

        foreach (var column in _settings.ConversationColumns)
        {
            if (root.Attributes.TryGetValue(column.Value, out var value) && value != null)
            {
                var text = ColumnText(value);
                if (text != null)
                {
                    inputs.Offer(column.Key, text, InputSource.ConversationRow);
                }
                else
                {
                    inputs.Refuse(column.Key, "column " + column.Value + " holds a " + value.GetType().Name + ", which is not an input value");
                }
            }
        }

        return inputs.Build();
    }

    /// <summary>Every voice and SMS context's number, newest first, each once (numbers written differently but equal once normalised are one).</summary>
    private IEnumerable<string> EngagementNumbers(IReadOnlyList<Entity> rows)
    {
        var voice = Distinct(rows, Voice, Schema.VoiceContext.Id).Select(row => new EngagementNumber(
            Aliased<string>(row, Voice, Schema.VoiceContext.FromPhone),
            Aliased<DateTime?>(row, Voice, Schema.VoiceContext.CreatedOn),
            Aliased<Guid>(row, Voice, Schema.VoiceContext.Id)));
        var sms = Distinct(rows, Sms, Schema.SmsContext.Id).Select(row => new EngagementNumber(
            Aliased<string>(row, Sms, Schema.SmsContext.CustomerPhone) is { } number
                ? PhoneNumbers.WithCountryCode(number, Aliased<string>(row, Sms, Schema.SmsContext.CountryCode))
                : null,
            Aliased<DateTime?>(row, Sms, Schema.SmsContext.CreatedOn),
            Aliased<Guid>(row, Sms, Schema.SmsContext.Id)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var context in voice.Concat(sms).OrderByDescending(c => c.CreatedOn).ThenByDescending(c => c.Id))
        {
            if (!string.IsNullOrWhiteSpace(context.Number) && seen.Add(PhoneNumbers.ToE164(context.Number!, _settings.DefaultCountryCode) ?? context.Number!.Trim()))
            {
                yield return context.Number!;
            }
        }
    }

    /// <summary>The newest live-chat context that gives a portal identity (an authenticated one first), as a signed-in identity.</summary>
    private static SignedIn SignedInOf(IReadOnlyList<Entity> rows)
    {
        var contexts = Distinct(rows, LiveChat, Schema.LiveChatContext.Id)
            .Select(row => new
            {
                PortalContactId = Aliased<string>(row, LiveChat, Schema.LiveChatContext.PortalContactId),
                IsAuthenticated = Aliased<bool?>(row, LiveChat, Schema.LiveChatContext.IsAuthenticated),
                CreatedOn = Aliased<DateTime?>(row, LiveChat, Schema.LiveChatContext.CreatedOn),
                Id = Aliased<Guid>(row, LiveChat, Schema.LiveChatContext.Id),
            })
            .Where(c => !string.IsNullOrWhiteSpace(c.PortalContactId))
            .OrderByDescending(c => c.IsAuthenticated == true)
            .ThenByDescending(c => c.CreatedOn)
            .ThenByDescending(c => c.Id)
            .FirstOrDefault();
        return contexts == null ? SignedIn.Nobody : SignedIn.From(contexts.PortalContactId, contexts.IsAuthenticated);
    }

    /// <summary>A conversation column's value as input text: lookups give their id, option sets their number.</summary>
    private static string? ColumnText(object value) => value switch
    {
        string text => text,
        EntityReference reference => reference.Id.ToString("D"),
        OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
        Money money => money.Value.ToString(CultureInfo.InvariantCulture),
        Guid id => id.ToString("D"),
        bool flag => flag ? "true" : "false",
        int or long or decimal or double => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static bool IsReserved(string name) =>
        string.Equals(name, Schema.ContextItem.OutcomeName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, Schema.ContextItem.CodeName, StringComparison.OrdinalIgnoreCase);

    private static bool IsOpen(Entity conversation)
    {
        var state = conversation.GetAttributeValue<OptionSetValue>(Schema.Conversation.StateCode);
        return state == null || state.Value == Schema.Conversation.StateOpen;
    }

    private static EntityReference? Named(EntityReference? link, string? name) =>
        link == null ? null : new EntityReference(link.LogicalName, link.Id) { Name = name ?? link.Name };

    /// <summary>The rows of one outer link-entity, once each (the join repeats them for every combination).</summary>
    private static IEnumerable<Entity> Distinct(IReadOnlyList<Entity> rows, string alias, string idColumn)
    {
        var seen = new HashSet<Guid>();
        foreach (var row in rows)
        {
            if (row.GetAttributeValue<AliasedValue>(alias + "." + idColumn)?.Value is Guid id && seen.Add(id))
            {
                yield return row;
            }
        }
    }

    private static T Aliased<T>(Entity row, string alias, string column) =>
        row.GetAttributeValue<AliasedValue>(alias + "." + column)?.Value is T value ? value : default!;

    private sealed class EngagementNumber
    {
        public EngagementNumber(string? number, DateTime? createdOn, Guid id)
        {
            Number = number;
            CreatedOn = createdOn;
            Id = id;
        }

        public string? Number { get; }
        public DateTime? CreatedOn { get; }
        public Guid Id { get; }
    }

    private sealed class ContextItemRow
    {
        public ContextItemRow(Entity row)
        {
            Id = Aliased<Guid>(row, Item, Schema.ContextItem.Id);
            Name = Aliased<string>(row, Item, Schema.ContextItem.Name);
            Value = Aliased<string>(row, Item, Schema.ContextItem.Value);
            CreatedOn = Aliased<DateTime?>(row, Item, Schema.ContextItem.CreatedOn) ?? DateTime.MinValue;
            ModifiedOn = Aliased<DateTime?>(row, Item, Schema.ContextItem.ModifiedOn) ?? CreatedOn;
            Version = Aliased<long?>(row, Item, Schema.ContextItem.VersionNumber)?.ToString(CultureInfo.InvariantCulture);
        }

        public Guid Id { get; }
        public string? Name { get; }
        public string? Value { get; }
        public DateTime CreatedOn { get; }
        public DateTime ModifiedOn { get; }

        /// <summary>The row version (versionnumber), as Entity.RowVersion carries it.</summary>
        public string? Version { get; }
    }
}
