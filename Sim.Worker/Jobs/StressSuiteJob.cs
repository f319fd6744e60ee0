using System.ComponentModel;
using Hangfire;

namespace Sim.Worker.Jobs;

/// <summary>
/// The Hangfire job of the stress suite (recurring as <see cref="RecurringJobId"/>, or queued by
/// <c>POST /api/stress</c>). Not retried: the next night runs it again, and a failed case is reported in
/// drift.parquet rather than failing the job. Type and method names are part of the queue's data.
/// </summary>
public sealed class StressSuiteJob(StressSuite suite)
{
    /// <summary>Id of the recurring job.</summary>
    public const string RecurringJobId = "nightly-stress";

    /// <summary>Default schedule: 02:00 every day, in the server's local time zone.</summary>
    public const string DefaultCron = "0 2 * * *";

    /// <summary>Runs the suite for tonight; cancelled on server shutdown.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("stress suite")]
    public async Task RunAsync(CancellationToken cancellationToken) => await suite.RunAsync(null, cancellationToken);
}
