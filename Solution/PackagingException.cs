using System;

namespace Identification.Solution;

/// <summary>A problem with the solution source or the built assembly, reported to the person building.</summary>
internal sealed class PackagingException : Exception
{
    public PackagingException()
    {
    }

    public PackagingException(string message)
        : base(message)
    {
    }

    public PackagingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
