namespace Workflows.Application.Hosting;

/// <summary>
/// The middleware every request passes, in order (API.md "Errors"): the local host's pipeline before routing, and
/// the Functions app's around the endpoint each HTTP function invokes.
/// </summary>
internal static class ApplicationPipelineExtensions
{
    public static IApplicationBuilder UseApplicationPipeline(this IApplicationBuilder app)
    {
        app.UseApiVersionHeader();
        // Unhandled exceptions become a 500 problem; details only in Development (ProblemConventions).
        app.UseExceptionHandler();
        // Bodiless 4xx/5xx (404, 405, 413, 415) become problem+json.
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        // After status code pages, so a bodiless 401/403 still becomes a problem (Auth/ writes its own).
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: limits are per authenticated corporation, and a refused caller never takes a token.
        app.UseRateLimiter();
        return app;
    }
}
