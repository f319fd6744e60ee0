using System.Net.Http.Json;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Tests.Worker;

/// <summary>A real Kestrel host on 127.0.0.1 (random port) with its Hangfire server, stopped on dispose.</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private InProcessServer(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public RunStore Store => App.Services.GetRequiredService<RunStore>();

    public JobStorage Storage => App.Services.GetRequiredService<JobStorage>();

    /// <summary>Settings for a test server: loopback, random port, two workers, folders under <paramref name="root"/>.</summary>
    public static ServerSettings Settings(string root, Func<JobSettings, JobSettings>? jobs = null) => new()
    {
        Urls = "http://127.0.0.1:0",
        WorkerCount = 2,
        Jobs = (jobs ?? (j => j))(new JobSettings
        {
            OutputDirectory = Path.Combine(root, "out"),
            ScenariosDirectory = Path.Combine(root, "scenarios"),
        }),
    };

    public static async Task<InProcessServer> StartAsync(ServerSettings settings, Action<IServiceCollection>? configure = null)
    {
        var app = SimHost.CreateServer(settings, services =>
        {
            services.AddLogging(b => b.ClearProviders());
            configure?.Invoke(services);
        });
        await app.StartAsync();
        var address = SimHost.BoundAddresses(app).Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        return new InProcessServer(app, new Uri(address));
    }

    /// <summary>Polls GET /api/runs/{id} until <paramref name="done"/> holds.</summary>
    public Task<RunView> WaitForRunAsync(string id, Func<RunView, bool> done, TimeSpan? timeout = null) =>
        Deadline.UntilAsync(async () =>
        {
            var view = await Http.GetFromJsonAsync<RunView>($"/api/runs/{id}", ApiClient.Json);
            return view is not null && done(view) ? view : null;
        }, $"run {id}", timeout);

    /// <summary>Polls until the run has finished, and returns it.</summary>
    public Task<RunView> WaitForFinishAsync(string id, TimeSpan? timeout = null) =>
        WaitForRunAsync(id, v => v.Status is RunStatus.Succeeded or RunStatus.Failed, timeout);

    public async Task StopAsync() => await App.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await App.StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
