namespace Workflows.Application.Hosting;

/// <summary>
/// The full version of the HTTP contract, sent as the <c>API-Version</c> header on every response under
/// <c>/api</c> (NL API Design Rules; the path carries only the major version).
/// </summary>
internal static class ApiVersion
{
    public const string HeaderName = "API-Version";

    public const string Current = "1.0.0";

    /// <summary>Adds the header to every response under <c>/api</c>, errors and 404s included.</summary>
    public static IApplicationBuilder UseApiVersionHeader(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                // OnStarting, not now: the exception handler clears headers before it writes its problem.
                context.Response.OnStarting(
                    static state =>
                    {
                        ((HttpResponse)state).Headers[HeaderName] = Current;
                        return Task.CompletedTask;
                    },
                    context.Response);
            }

            return next(context);
        });
}
