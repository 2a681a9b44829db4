namespace Microsoft.Xrm.Sdk;

/// <summary>Change state of an entity instance in a context.</summary>
public enum EntityState
{
    Unchanged = 0,
    Created = 1,
    Changed = 2,
}
