using Microsoft.AspNetCore.Http;

namespace Sim.Worker.Server;

/// <summary>
/// The one intake of every state-changing <c>POST /api/*</c> (runs and the three questions): the body is read up to
/// <see cref="ServerSettings.MaxRequestBytes"/> (413 beyond), then parsed inside a <see cref="ValidationGate"/> slot
/// (503 with <c>Retry-After</c> when every slot is taken), so the cost of a request is bounded in size and in
/// concurrency. Content type and host are checked before this by <see cref="WebSecurity"/>.
/// </summary>
public static class RequestIntake
{
    /// <summary>Reads and parses the body; exactly one of the results is non-null.</summary>
    /// <param name="http">The request.</param>
    /// <param name="gate">The server's validation gate.</param>
    /// <param name="what">What is being validated, for the 503 text (e.g. <c>run requests</c>).</param>
    /// <param name="parse">The parser of the body (UTF-8 JSON bytes).</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>The parse, or the response that refuses the request.</returns>
    public static async Task<(T? Parsed, IResult? Refusal)> ReadAsync<T>(HttpRequest http, ValidationGate gate, string what,
        Func<byte[], T> parse, CancellationToken cancellationToken)
        where T : class
    {
        var body = await BoundedBody.ReadAsync(http, ServerSettings.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
                detail: $"a request is at most {ServerSettings.MaxRequestBytes} bytes (1 MiB)"));
        }

        using var slot = await gate.EnterAsync(cancellationToken);
        if (slot is null)
        {
            http.HttpContext.Response.Headers.RetryAfter = "5";
            return (null, Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy",
                detail: $"{gate.Capacity} {what} are being validated; try again in a few seconds"));
        }

        return (parse(body), null);
    }
}
