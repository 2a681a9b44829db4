using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Identification.LocalOrg;

/// <summary>
/// A Custom API, as its customapi row and its request parameter and response property rows define it: a message named
/// <see cref="UniqueName"/> whose main operation (stage 30) runs <see cref="PluginType"/>.
/// </summary>
public sealed class CustomApiRegistration
{
    public CustomApiRegistration()
    {
    }

    public CustomApiRegistration(string uniqueName, Type? pluginType)
    {
        UniqueName = uniqueName;
        PluginType = pluginType;
    }

    /// <summary>The message name (customapi.uniquename), e.g. idf_IdentifyCustomer.</summary>
    public string UniqueName { get; set; } = string.Empty;

    /// <summary>The plug-in of the main operation (customapi.plugintypeid); null: the message only runs the steps registered on it.</summary>
    public Type? PluginType { get; set; }

    /// <summary>customapi.isfunction: a function (GET in the Web API) rather than an action. Recorded, not enforced.</summary>
    public bool IsFunction { get; set; }

    public IList<CustomApiParameter> RequestParameters { get; set; } = new List<CustomApiParameter>();

    public IList<CustomApiParameter> ResponseProperties { get; set; } = new List<CustomApiParameter>();

    public override string ToString() => $"Custom API {UniqueName}";
}

/// <summary>A request parameter (customapirequestparameter) or response property (customapiresponseproperty).</summary>
public sealed class CustomApiParameter
{
    public CustomApiParameter(string uniqueName, CustomApiFieldType type, bool isOptional = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uniqueName);
        UniqueName = uniqueName;
        Type = type;
        IsOptional = isOptional;
    }

    /// <summary>The key in InputParameters/OutputParameters (and the request's and response's Parameters/Results).</summary>
    public string UniqueName { get; }

    public CustomApiFieldType Type { get; }

    /// <summary>customapirequestparameter.isoptional; response properties are never required.</summary>
    public bool IsOptional { get; }

    /// <summary>Whether a value is of this type as the SDK carries it.</summary>
    public bool Accepts(object value) => Type switch
    {
        CustomApiFieldType.Boolean => value is bool,
        CustomApiFieldType.DateTime => value is DateTime,
        CustomApiFieldType.Decimal => value is decimal,
        CustomApiFieldType.Entity => value is Entity,
        CustomApiFieldType.EntityCollection => value is EntityCollection,
        CustomApiFieldType.EntityReference => value is EntityReference,
        CustomApiFieldType.Float => value is double,
        CustomApiFieldType.Integer => value is int,
        CustomApiFieldType.Money => value is Money,
        CustomApiFieldType.Picklist => value is OptionSetValue,
        CustomApiFieldType.String => value is string,
        CustomApiFieldType.StringArray => value is string[],
        CustomApiFieldType.Guid => value is Guid,
        _ => false,
    };
}

/// <summary>The type column of customapirequestparameter and customapiresponseproperty, with Dataverse's option values.</summary>
#pragma warning disable CA1720 // The names are Dataverse's own labels for the type column's options.
public enum CustomApiFieldType
{
    Boolean = 0,
    DateTime = 1,
    Decimal = 2,
    Entity = 3,
    EntityCollection = 4,
    EntityReference = 5,
    Float = 6,
    Integer = 7,
    Money = 8,
    Picklist = 9,
    String = 10,
    StringArray = 11,
    Guid = 12,
}
#pragma warning restore CA1720
