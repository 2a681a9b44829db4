using System;
using System.Collections.Generic;
using Identification.Plugins.Hygiene;

namespace Identification.Plugins.Registration;

/// <summary>
/// The optional steps of <see cref="PhoneNumberHygienePlugin"/>: Create and Update of contact and account, PreOperation and
/// synchronous, so that the Target is rewritten before it is saved. They ship in a solution of their own
/// (CustomerIdentificationPhoneHygiene), imported only by an admin who wants stored numbers rewritten. The Update steps
/// filter on the default phone columns (<see cref="PhoneHygieneSettings.DefaultColumns"/>): a configuration that adds a
/// column needs it added to the step's filtering attributes too.
/// </summary>
public static class PhoneHygieneSteps
{
    private static readonly string PluginType = typeof(PhoneNumberHygienePlugin).FullName!;

    public static readonly StepDefinition ContactCreate = Step(
        new Guid("53bf6398-08b3-4713-83e5-fce8db986725"), "Phone hygiene: E.164 phone numbers on contact create",
        Schema.Messages.Create, Schema.Contact.Table,
        "Rewrites the contact's phone columns to E.164 before it is saved, when the number can be told without doubt; leaves it as typed otherwise.");

    public static readonly StepDefinition ContactUpdate = Step(
        new Guid("08feef99-f05b-4157-82ac-68d8273aad4f"), "Phone hygiene: E.164 phone numbers on contact update",
        Schema.Messages.Update, Schema.Contact.Table,
        "Rewrites the changed phone columns of a contact to E.164 before they are saved, when the number can be told without doubt; leaves them as typed otherwise.");

    public static readonly StepDefinition AccountCreate = Step(
        new Guid("39146dd1-a998-4654-b1a9-a2cd3b202418"), "Phone hygiene: E.164 phone numbers on account create",
        Schema.Messages.Create, Schema.Account.Table,
        "Rewrites the account's phone columns to E.164 before it is saved, when the number can be told without doubt; leaves it as typed otherwise.");

    public static readonly StepDefinition AccountUpdate = Step(
        new Guid("98a6c5ff-2967-4066-9732-9ad2df7fdd06"), "Phone hygiene: E.164 phone numbers on account update",
        Schema.Messages.Update, Schema.Account.Table,
        "Rewrites the changed phone columns of an account to E.164 before they are saved, when the number can be told without doubt; leaves them as typed otherwise.");

    /// <summary>All hygiene steps, in registration order.</summary>
    public static readonly IReadOnlyList<StepDefinition> All = new[] { ContactCreate, ContactUpdate, AccountCreate, AccountUpdate };

    private static StepDefinition Step(Guid id, string name, string message, string table, string description) => new StepDefinition(
        id, name, message, table, StepStage.PreOperation, asynchronous: false, rank: 1,
        message == Schema.Messages.Update ? PhoneHygieneSettings.DefaultColumns[table] : Array.Empty<string>(),
        null, Array.Empty<string>(), description, EvidenceKind.None, null, null, pluginTypeName: PluginType);
}
