using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sim.Worker.Server;

/// <summary>The answer of the API to one call: status code and the parsed JSON body.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonElement Body);

/// <summary>The advisor-side client of the HTTP API, used by the <c>enqueue</c> and <c>status</c> verbs.</summary>
public sealed class ApiClient(Uri server) : IDisposable
{
    /// <summary>Environment variable naming the server when <c>--server</c> is not given.</summary>
    public const string ServerVariable = "SIM_SERVER";

    /// <summary>JSON settings matching the server's.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>The server given by <c>--server</c>, <see cref="ServerVariable"/>, or the default address.</summary>
    public static Uri ResolveServer(string? option)
    {
        var text = option ?? Environment.GetEnvironmentVariable(ServerVariable) ?? ServerSettings.DefaultUrls;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new Cli.UsageException($"--server must be an http:// or https:// address, not '{text}'");
    }

    /// <summary>POSTs JSON text to <paramref name="path"/>.</summary>
    public Task<ApiAnswer> PostJsonAsync(string path, string json, CancellationToken cancellationToken)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, cancellationToken);
    }

    /// <summary>GETs <paramref name="path"/>.</summary>
    public Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    private async Task<ApiAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement body;
            try
            {
                body = string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                body = JsonDocument.Parse(JsonSerializer.Serialize(new { detail = text })).RootElement.Clone();
            }

            return new ApiAnswer(response.StatusCode, body);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>The one-line explanation of a problem+json answer, with every validation error on its own line.</summary>
    public static IEnumerable<string> DescribeProblem(ApiAnswer answer)
    {
        var body = answer.Body;
        var title = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("title", out var t) ? t.GetString() : null;
        var detail = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("detail", out var d) ? d.GetString() : null;
        yield return $"{(int)answer.Status} {title ?? answer.Status.ToString()}{(detail is null ? "" : ": " + detail)}";
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                foreach (var message in field.Value.EnumerateArray())
                {
                    yield return $"  {field.Name}: {message.GetString()}";
                }
            }
        }
    }
}
