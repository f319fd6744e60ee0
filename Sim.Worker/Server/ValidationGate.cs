namespace Sim.Worker.Server;

/// <summary>
/// Bounds how many run requests are parsed and validated at once. Validation is CPU and memory work whose size
/// the client chooses (up to the 1 MiB body), so twenty large bodies at once must not take the server's memory
/// or every core: beyond <see cref="Capacity"/> requests wait up to the configured time, then get 503.
/// </summary>
public sealed class ValidationGate(int capacity, TimeSpan wait) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(capacity, capacity);

    /// <summary>Requests validated at the same time.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>A slot (dispose it to give it back), or null when none came free in time.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken) =>
        await _slots.WaitAsync(wait, cancellationToken) ? new Slot(_slots) : null;

    /// <summary>Releases the semaphore (the host disposes the singleton at shutdown).</summary>
    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
