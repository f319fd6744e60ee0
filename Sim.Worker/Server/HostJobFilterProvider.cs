using Hangfire.Common;

namespace Sim.Worker.Server;

/// <summary>
/// Hangfire's global filters and attributes plus this host's own filter instances. Registering host filters
/// here instead of in the static <c>GlobalJobFilters</c> keeps two hosts in one process (tests) independent.
/// </summary>
public sealed class HostJobFilterProvider(params object[] filters) : IJobFilterProvider
{
    /// <inheritdoc />
    public IEnumerable<JobFilter> GetFilters(Job job) =>
        JobFilterProviders.Providers.GetFilters(job).Concat(filters.Select(f => new JobFilter(f, JobFilterScope.Global, null)));
}
