using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Tests.Support;
using Workflows.Application.Tests.Support.Conformance;
using Workflows.Testing;

namespace Workflows.Application.Tests.OpenApi;

/// <summary>
/// The checker every test's app runs (<see cref="WorkflowsAppFactory.CheckOpenApiConformance"/>) catches an answer
/// the document does not declare: an undeclared status fails the request, and so does a body off its schema.
/// </summary>
public sealed class OpenApiConformanceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task An_answer_with_an_undeclared_status_fails_the_request()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString)
        {
            // Inside the checker: turns the worklist's 401 into a status the document does not declare.
            ConfigureServices = services => services.AddTransient<IStartupFilter>(_ => new TeapotFilter()),
        };
        using var client = app.CreateClient();

        var failure = await Assert.ThrowsAsync<OpenApiConformanceException>(() => client.GetAsync(new Uri("/api/v1/worklist", UriKind.Relative), _ct));

        Assert.Contains("GET /api/v1/worklist answered 418", failure.Message, StringComparison.Ordinal);
        Assert.Single(app.OpenApiViolations);
    }

    [Fact]
    public async Task A_declared_answer_passes_and_reaches_the_client()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/worklist", UriKind.Relative), _ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, _ct);
        Assert.Empty(app.OpenApiViolations);
    }

    [Fact]
    public async Task Contract_refuses_undeclared_statuses_media_types_and_bodies_off_the_schema()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        var contract = OpenApiContract.From(await ServedOpenApi.FetchAsync(app, _ct));
        const string Get = "GET";
        const string Signal = "/api/v1/signals/{id}";

        Assert.Null(contract.Violation(Get, Signal, 200, "application/json; charset=utf-8",
            Body("""{ "id": "s-1", "externalReference": "HUUR-1", "status": "received", "receivedAt": "2026-11-02T08:00:00Z" }""")));
        Assert.Null(contract.Violation(Get, Signal, 404, "application/problem+json", Body("""{ "type": "about:blank", "title": "Not Found", "status": 404 }""")));
        Assert.Contains("does not declare", contract.Violation(Get, Signal, 409, "application/problem+json", Body("{}")), StringComparison.Ordinal);
        Assert.Contains("text/html", contract.Violation(Get, Signal, 200, "text/html", Body("<p>hi</p>")), StringComparison.Ordinal);
        Assert.Contains("does not match the declared schema", contract.Violation(Get, Signal, 200, "application/json", Body("""{ "id": 5 }""")), StringComparison.Ordinal);
        Assert.Contains("no such operation", contract.Violation("DELETE", Signal, 204, null, default), StringComparison.Ordinal);
    }

    private static ReadOnlyMemory<byte> Body(string json) => Encoding.UTF8.GetBytes(json);

    private sealed class TeapotFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                app.Use(async (context, inner) =>
                {
                    await inner(context);
                    context.Response.StatusCode = StatusCodes.Status418ImATeapot;
                });
                next(app);
            };
    }
}
