using Hangfire;
using Hangfire.Storage;

namespace Sim.Worker.Jobs;

/// <summary>
/// The per-run lock, taken through the Hangfire storage so it holds across every process sharing the queue
/// (in memory: within the one process; PostgreSQL: across machines). Held only for short state transitions,
/// never for a computation.
/// </summary>
public static class RunLock
{
    /// <summary>How long to wait for the lock before giving up.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Takes the lock of <paramref name="runId"/>; dispose the result to release it.</summary>
    public static IDisposable Acquire(JobStorage storage, string runId)
    {
        var connection = storage.GetConnection();
        try
        {
            var handle = connection.AcquireDistributedLock("sim:run:" + runId, Timeout);
            return new Held(connection, handle);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class Held(IStorageConnection connection, IDisposable handle) : IDisposable
    {
        public void Dispose()
        {
            handle.Dispose();
            connection.Dispose();
        }
    }
}
