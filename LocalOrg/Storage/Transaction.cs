using System;
using System.Collections.Generic;

namespace Identification.LocalOrg;

/// <summary>
/// The undo log of one database transaction: every change to a table records how to reverse it, so a failed
/// operation (or a plug-in that throws) can be rolled back to any savepoint, the way SQL Server does for Dataverse.
/// </summary>
internal sealed class Transaction
{
    private readonly List<Action> undo = [];
    private readonly List<Action> asyncWork = [];

    /// <summary>
    /// Set when a service call inside the transaction failed: Dataverse ends the transaction at that point, so
    /// a plug-in that swallows the error cannot carry on writing.
    /// </summary>
    public bool Doomed { get; set; }

    public void OnRollback(Action reverse) => undo.Add(reverse);

    /// <summary>Asynchronous steps queued by operations in this transaction; they run only if it commits.</summary>
    public void QueueAfterCommit(Action work) => asyncWork.Add(work);

    public Savepoint Mark() => new(undo.Count, asyncWork.Count);

    public void RollbackTo(Savepoint savepoint)
    {
        for (var i = undo.Count - 1; i >= savepoint.UndoCount; i--)
        {
            undo[i]();
        }

        undo.RemoveRange(savepoint.UndoCount, undo.Count - savepoint.UndoCount);
        asyncWork.RemoveRange(savepoint.AsyncCount, asyncWork.Count - savepoint.AsyncCount);
    }

    public IReadOnlyList<Action> Commit()
    {
        undo.Clear();
        return asyncWork.ToArray();
    }
}

internal readonly record struct Savepoint(int UndoCount, int AsyncCount);
