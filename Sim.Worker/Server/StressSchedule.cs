using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sim.Worker.Cli;
using Sim.Worker.Jobs;

namespace Sim.Worker.Server;

/// <summary>
/// Registers (or removes, when disabled) the recurring stress-suite job at server start, with the configured
/// cron in the clock's local time zone. Only <c>serve</c> registers it; any process sharing the queue runs it.
/// </summary>
public sealed class StressSchedule(IRecurringJobManager recurring, ServerSettings settings, TimeProvider clock,
    ILogger<StressSchedule> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.StressCron is null)
        {
            recurring.RemoveIfExists(StressSuiteJob.RecurringJobId);
            logger.LogInformation("Nightly stress suite disabled");
            return Task.CompletedTask;
        }

        try
        {
            recurring.AddOrUpdate<StressSuiteJob>(StressSuiteJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
                settings.StressCron, new RecurringJobOptions { TimeZone = clock.LocalTimeZone });
        }
        catch (ArgumentException e) when (e.ParamName == "cronExpression")
        {
            throw new UsageException($"--stress-cron '{settings.StressCron}' is not a valid cron expression: {(e.InnerException ?? e).Message}");
        }

        logger.LogInformation("Nightly stress suite scheduled: '{Cron}' ({Zone})", settings.StressCron, clock.LocalTimeZone.Id);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
