using System.Net;
using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Sim.Worker.Jobs;

namespace Sim.Worker.Server;

/// <summary>
/// The display name of <see cref="RunJob.Execute"/> on the dashboard: <c>baseline · run 1e0ca48b0927bf44</c>. The
/// scenario name is read from the run's request.json through the dashboard request's services, so the job keeps
/// taking only the id (Hangfire uses a display-name attribute before <c>DashboardOptions.DisplayNameFunc</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RunDisplayNameAttribute() : JobDisplayNameAttribute("run {0}")
{
    /// <inheritdoc />
    public override string Format(DashboardContext context, Job job)
    {
        var store = context is Hangfire.Dashboard.AspNetCoreDashboardContext aspNet
            ? aspNet.HttpContext.RequestServices.GetService(typeof(RunStore)) as RunStore
            : null;
        return store is null ? base.Format(context, job) : DashboardLinks.DisplayName(store, job);
    }
}

/// <summary>
/// What the Hangfire dashboard shows of a run: its display name carries the scenario name
/// (<see cref="RunDisplayNameAttribute"/>), and its job page links to the results page.
/// </summary>
public static class DashboardLinks
{
    private static int _registered;

    /// <summary>The display name of a job (for <see cref="DashboardOptions.DisplayNameFunc"/>).</summary>
    public static string DisplayName(RunStore store, Job job)
    {
        if (RunId(job) is { } id)
        {
            string? scenario = null;
            try
            {
                scenario = store.LoadRequest(id)?.ScenarioName;
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                // the name is a convenience; the id is enough
            }

            return scenario is null ? $"run {id}" : $"{scenario} · run {id}";
        }

        return job.Type == typeof(StressSuiteJob) ? "nightly stress suite" : $"{job.Type.Name}.{job.Method.Name}";
    }

    /// <summary>The run id a job computes, or null for other jobs.</summary>
    public static string? RunId(Job? job) =>
        job is not null && job.Type == typeof(RunJob) && job.Args.Count > 0 && job.Args[0] is string id && RunIds.IsWellFormed(id)
            ? id
            : null;

    /// <summary>
    /// Adds a "Results page" link to the dashboard's job page of every run job. Hangfire keeps renderers in one
    /// process-wide list, so this registers once per process however many hosts start.
    /// </summary>
    public static void RegisterJobPageLink()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        GlobalConfiguration.Configuration.UseJobDetailsRenderer(10, dto =>
            RunId(dto.JobDetails?.Job) is { } id
                ? new NonEscapedString($"<div class=\"alert alert-info\">Results page: <a href=\"{WebUtility.HtmlEncode(ResultsPage.PathOf(id))}\">{WebUtility.HtmlEncode(ResultsPage.PathOf(id))}</a></div>")
                : new NonEscapedString(""));
    }
}
