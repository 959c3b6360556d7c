namespace Workflows.Functions.Hosting;

/// <summary>The middleware every request passes, in order (API.md "Errors").</summary>
internal static class ApplicationPipelineExtensions
{
    public static WebApplication UseApplicationPipeline(this WebApplication app)
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
        return app;
    }
}
