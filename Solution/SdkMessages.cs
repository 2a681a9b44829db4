using System;
using System.Collections.Generic;

namespace Identification.Solution;

/// <summary>
/// The SdkMessageIds of the messages the steps use. They are the same in every Dataverse organization, which is
/// why exports carry them by id.
/// </summary>
internal static class SdkMessages
{
    public const string Create = "Create";
    public const string Update = "Update";

    private static readonly Dictionary<string, Guid> Ids = new(StringComparer.Ordinal)
    {
        [Create] = new Guid("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        [Update] = new Guid("20bebb1b-ea3e-db11-86a7-000a3a5473e8"),
    };

    public static IEnumerable<string> Names => Ids.Keys;

    public static bool IsKnown(string message) => Ids.ContainsKey(message);

    public static Guid IdOf(string message) => Ids[message];

    /// <summary>The message property an image of this message snapshots: the new record's Id on Create, else Target.</summary>
    public static string ImagePropertyOf(string message) => message == Create ? "Id" : "Target";
}
