using System.Net;
using Workflows.Application.Tests.Support;

namespace Workflows.Application.Tests.OpenApi;

/// <summary>The OpenAPI document exactly as the app serves it at <c>/openapi/v1.json</c>.</summary>
internal static class ServedOpenApi
{
    public const string Path = "/openapi/v1.json";

    public static async Task<string> FetchAsync(WorkflowsAppFactory app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(Path, UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Writes the served document to a fresh temporary file and answers its path.</summary>
    public static async Task<string> WriteAsync(WorkflowsAppFactory app, CancellationToken cancellationToken)
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "workflows-tests", $"openapi-{Guid.NewGuid():N}.json");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, await FetchAsync(app, cancellationToken), cancellationToken);
        return file;
    }
}
