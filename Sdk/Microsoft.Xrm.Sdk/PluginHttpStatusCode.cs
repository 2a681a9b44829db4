namespace Microsoft.Xrm.Sdk;

/// <summary>HTTP status a plug-in error surfaces to Web API callers.</summary>
#pragma warning disable CA1008 // Zero is NotSet in the real SDK; the name is part of the listed surface.
public enum PluginHttpStatusCode
#pragma warning restore CA1008
{
    NotSet = 0,
    BadRequest = 400,
    Unauthorized = 401,
    Forbidden = 403,
    NotFound = 404,
    MethodNotAllowed = 405,
    RequestTimeout = 408,
    Conflict = 409,
    Gone = 410,
    PreconditionFailed = 412,
    RequestEntityTooLarge = 413,
    ExpectationFailed = 417,
    FailedDependency = 424,
    TooManyRequests = 429,
    InternalServerError = 500,
    BadGateway = 502,
    ServiceUnavailable = 503,
    GatewayTimeout = 504,
}
