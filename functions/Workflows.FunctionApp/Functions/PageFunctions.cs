using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflows.FunctionApp.Http;

namespace Workflows.FunctionApp.Functions;

/// <summary>
/// One HTTP function per page route (PAGES.md), each running the application's page endpoint of that name, as
/// <see cref="HttpFunctions"/> does for the API: the same handlers, the same cookie sign-in and authorisation.
/// The site root takes an optional, always-empty segment: the Functions host routes no function to an empty route
/// (its own home page is turned off with <c>AzureWebJobsDisableHomepage</c>).
/// </summary>
internal sealed class PageFunctions(FunctionEndpoints endpoints)
{
    /// <summary>The site root as a Functions route.</summary>
    public const string RootRoute = "{ignored:maxlength(0)?}";

    [Function("HomePage")]
    public Task<IResult> HomePageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RootRoute)] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("HomePage", request, client);

    [Function("SignInPage")]
    public Task<IResult> SignInPageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sign-in")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("SignInPage", request, client);

    [Function("SignIn")]
    public Task<IResult> SignInAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sign-in")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("SignIn", request, client);

    [Function("SignOut")]
    public Task<IResult> SignOutAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sign-out")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("SignOut", request, client);

    [Function("SignInCallback")]
    public Task<IResult> SignInCallbackAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "signin-oidc")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("SignInCallback", request, client);

    [Function("WorklistPage")]
    public Task<IResult> WorklistPageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "worklist")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("WorklistPage", request, client);

    [Function("CasePage")]
    public Task<IResult> CasePageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{kind}/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("CasePage", request, client);

    [Function("CasePageEvent")]
    public Task<IResult> CasePageEventAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{kind}/{id}/events")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("CasePageEvent", request, client);

    [Function("SignalsPage")]
    public Task<IResult> SignalsPageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "signals")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("SignalsPage", request, client);

    [Function("NewTrajectoryPage")]
    public Task<IResult> NewTrajectoryPageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "trajectories/new")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("NewTrajectoryPage", request, client);

    [Function("NewTrajectory")]
    public Task<IResult> NewTrajectoryAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "trajectories/new")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("NewTrajectory", request, client);

    [Function("AccessLogPage")]
    public Task<IResult> AccessLogPageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/access-log")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("AccessLogPage", request, client);

    [Function("CorporationPage")]
    public Task<IResult> CorporationPageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "corporation")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("CorporationPage", request, client);

    [Function("CorporationSignal")]
    public Task<IResult> CorporationSignalAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "corporation/signals")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("CorporationSignal", request, client);

    [Function("CorporationBatch")]
    public Task<IResult> CorporationBatchAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "corporation/batch")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("CorporationBatch", request, client);

    [Function("DocsPage")]
    public Task<IResult> DocsPageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("DocsPage", request, client);

    [Function("DocsBundle")]
    public Task<IResult> DocsBundleAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/scalar.js")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("DocsBundle", request, client);

    [Function("DocsStart")]
    public Task<IResult> DocsStartAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/docs.js")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("DocsStart", request, client);

    [Function("StyleSheet")]
    public Task<IResult> StyleSheetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/site.css")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("StyleSheet", request, client);
}
