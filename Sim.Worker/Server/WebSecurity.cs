using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sim.Worker.Server;

/// <summary>
/// What every response and every state-changing request goes through, because any web page the operator opens can
/// send requests to a server on 127.0.0.1 (docs/worker-notes.md, "Security"):
/// <list type="bullet">
/// <item>every response says <c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: DENY</c> and (added to
/// the page's own policy, or alone) <c>Content-Security-Policy: frame-ancestors 'none'</c>, so no page is framed;</item>
/// <item>a state-changing request (anything but GET, HEAD, OPTIONS) that a browser marks as coming from another
/// site (<c>Sec-Fetch-Site</c> cross-site or same-site, or an <c>Origin</c> other than the request's own host)
/// is refused with 403 before it reaches the API or the dashboard;</item>
/// <item>a <c>POST /api/*</c> must say <c>Content-Type: application/json</c> (415 otherwise): a form or
/// <c>text/plain</c> body is what a hostile page can send without a CORS preflight.</item>
/// </list>
/// Host filtering (DNS rebinding) and the dashboard's antiforgery token are set up in <see cref="SimHost"/>.
/// </summary>
public static class WebSecurity
{
    /// <summary>The frame protection every response carries, in its CSP form.</summary>
    public const string FrameAncestors = "frame-ancestors 'none'";

    /// <summary>Host names allowed by default: the loopback names (a rebinding attacker's name is none of them).</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>Adds the header and cross-site rules above to <paramref name="app"/>.</summary>
    public static void Use(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            var csp = headers.ContentSecurityPolicy.ToString();
            if (!csp.Contains("frame-ancestors", StringComparison.Ordinal))
            {
                headers.ContentSecurityPolicy = csp.Length == 0 ? FrameAncestors : csp.TrimEnd(' ', ';') + "; " + FrameAncestors;
            }

            return Task.CompletedTask;
        });

        var request = context.Request;
        if (IsStateChanging(request.Method))
        {
            if (CrossSiteReason(request) is { } reason)
            {
                await Refuse(context, StatusCodes.Status403Forbidden, "Cross-site request refused", reason);
                return;
            }

            if (request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && !request.HasJsonContentType())
            {
                await Refuse(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                    "POST /api/* takes a JSON body with Content-Type: application/json");
                return;
            }
        }

        await next(context);
    });

    /// <summary>Host names the server answers to: the loopback names, the host names of the listening addresses
    /// (a wildcard address adds none), and the names the operator allowed.</summary>
    public static IReadOnlyList<string> AllowedHosts(ServerSettings settings)
    {
        var hosts = new List<string>(LoopbackHosts);
        foreach (var url in settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var host = url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal)
                .Replace("://+", "://wildcard.invalid", StringComparison.Ordinal);
            if (Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Host != "wildcard.invalid"
                && !(IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))))
            {
                hosts.Add(uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.Host.Trim('[', ']')}]" : uri.Host);
            }
        }

        hosts.AddRange(settings.AllowedHosts);
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>True for a connection from this machine.</summary>
    public static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    private static bool IsStateChanging(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static string? CrossSiteReason(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "cross-site" or "same-site")
        {
            return $"the browser marked this request as {fetchSite}; state-changing requests must come from this server's own pages or a non-browser client";
        }

        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
               && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            ? null
            : "the request's Origin is another site; state-changing requests must come from this server's own pages or a non-browser client";
    }

    private static Task Refuse(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { type = "about:blank", title, status, detail }, (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json", context.RequestAborted);
    }
}
