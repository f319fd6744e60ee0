namespace Sim.Tests.Worker;

/// <summary>Polling with a deadline: no sleep without a bound.</summary>
public static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(90);

    /// <summary>Polls <paramref name="probe"/> until it returns a value, or fails with <paramref name="what"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var end = DateTime.UtcNow + (timeout ?? Default);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > end)
            {
                throw new TimeoutException($"gave up waiting ({timeout ?? Default}) for {what}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Polls a condition until true, or fails.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        await UntilAsync<object>(() => Task.FromResult(condition() ? new object() : null), what, timeout);
}
