namespace Workflows.Application.Pages;

/// <summary>
/// The pages' routes (PAGES.md; fixed), each a named endpoint so the Functions app's HTTP functions invoke the same
/// handler. Pages authenticate with the session cookie only; every page and post checks the same rules as the API.
/// </summary>
internal static class PageEndpoints
{
    /// <summary>Microsoft.Identity.Web's default callback path.</summary>
    public const string SignInCallbackPath = "/signin-oidc";

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup(string.Empty)
            .WithMetadata(PageEndpointMetadata.Instance)
            .ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                PageHeaders.Apply(context.HttpContext.Response);
                return await next(context);
            });

        pages.MapGet("/", (Delegate)SignInPages.HomeAsync).AllowAnonymous().WithName("HomePage");
        pages.MapGet("/sign-in", SignInPages.FormAsync).AllowAnonymous().WithName("SignInPage");
        pages.MapPost("/sign-in", (Delegate)SignInPages.SignInAsync).AllowAnonymous().WithName("SignIn");
        pages.MapPost("/sign-out", (Delegate)SignInPages.SignOutAsync).AllowAnonymous().WithName("SignOut");
        // Entra ID posts the sign-in back here; the OpenID Connect handler takes it before any endpoint runs. The
        // endpoint exists so the Functions app has a function on this route (and answers 404 when Entra is not set up).
        pages.MapPost(SignInCallbackPath, (Delegate)PageResults.NotFound).AllowAnonymous().WithName("SignInCallback");

        pages.MapGet("/worklist", WorklistPage.GetAsync).RequireAuthorization(PageSignIn.CaseWorker).WithName("WorklistPage");

        pages.MapGet("/cases/{kind}/{id}", CasePage.GetAsync).RequireAuthorization(PageSignIn.CaseWorker).WithName("CasePage");
        pages.MapPost("/cases/{kind}/{id}/events", CasePage.PostEventAsync).RequireAuthorization(PageSignIn.CaseWorker).WithName("CasePageEvent");

        pages.MapGet("/signals", SignalsInboxPage.GetAsync).RequireAuthorization(PageSignIn.CaseWorker).WithName("SignalsPage");
        pages.MapGet("/trajectories/new", NewTrajectoryPage.GetAsync).RequireAuthorization(PageSignIn.CaseWorker).WithName("NewTrajectoryPage");
        pages.MapPost("/trajectories/new", NewTrajectoryPage.PostAsync).RequireAuthorization(PageSignIn.CaseWorker).WithName("NewTrajectory");
        pages.MapGet("/admin/access-log", AccessLogPage.GetAsync).RequireAuthorization(PageSignIn.Admin).WithName("AccessLogPage");

        var batchLimit = endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Signals.SignalsOptions>>().Value.MaxBatchBytes;
        pages.MapGet("/corporation", CorporationPage.GetAsync).RequireAuthorization(PageSignIn.Corporation).WithName("CorporationPage");
        pages.MapPost("/corporation/signals", CorporationPage.PostSignalAsync).RequireAuthorization(PageSignIn.Corporation).WithName("CorporationSignal");
        pages.MapPost("/corporation/batch", CorporationPage.PostBatchAsync).RequireAuthorization(PageSignIn.Corporation)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(batchLimit + (64 * 1024))).WithName("CorporationBatch");

        pages.MapGet("/docs", DocsPage.Page).AllowAnonymous().WithName("DocsPage");
        pages.MapGet("/docs/scalar.js", DocsPage.Bundle).AllowAnonymous().WithName("DocsBundle");
        pages.MapGet("/docs/docs.js", PageAssets.DocsStart).AllowAnonymous().WithName("DocsStart");
        pages.MapGet("/assets/site.css", PageAssets.StyleSheet).AllowAnonymous().WithName("StyleSheet");
        return endpoints;
    }
}
