using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Application.Tests.Support;

/// <summary>Checks an answer is an RFC 9457 problem with what API.md "Errors" promises.</summary>
internal static class ProblemAssertions
{
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, CancellationToken cancellationToken)
    {
        if (response.StatusCode != status)
        {
            // The body says why (in tests a 500's problem carries the exception): a failure here is diagnosable from CI's log alone.
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.Fail($"Expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        foreach (var field in new[] { "type", "title", "detail" })
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty(field).GetString()), $"problem.{field} is empty");
        }

        return problem;
    }
}
