using Azure;
using Workflows.Application.Hosting.Faults;

namespace Workflows.Application.Tests.Hosting.Faults;

/// <summary>Which exceptions mean "storage does not answer" (503) and which stay our bugs (500) or the caller's (cancelled).</summary>
public sealed class StorageFaultsTests
{
    public static TheoryData<string, Exception, bool> Exceptions => new()
    {
        { "transport failure", new RequestFailedException(0, "Connection refused"), true },
        { "storage busy", new RequestFailedException(503, "Server busy"), true },
        { "storage's internal error", new RequestFailedException(500, "Internal error"), true },
        { "gateway time-out", new RequestFailedException(504, "Gateway time-out"), true },
        { "the SDK's retries exhausted", new AggregateException("Retry failed after 4 tries.", new RequestFailedException(0, "reset"), new RequestFailedException(503, "busy")), true },
        { "the SDK's network time-out", new AggregateException(new TaskCanceledException("timeout", new TimeoutException())), true },
        { "a try that failed as the bare socket error", new AggregateException("Retry failed after 4 tries.", new RequestFailedException(0, "reset"), new System.Net.Sockets.SocketException(107)), true },
        { "wrapped (Durable Task's storage exception)", new InvalidOperationException("storage", new RequestFailedException(0, "reset")), true },
        { "not found", new RequestFailedException(404, "Not found"), false },
        { "conflict", new RequestFailedException(409, "Conflict"), false },
        { "precondition failed", new RequestFailedException(412, "Precondition failed"), false },
        { "bad request (our bug)", new RequestFailedException(400, "Bad request"), false },
        { "retries of a bad request", new AggregateException(new RequestFailedException(0, "reset"), new RequestFailedException(400, "bad")), false },
        { "our bug", new InvalidOperationException("bug"), false },
        { "the caller went away", new OperationCanceledException(), false },
        { "the caller went away, as a task", new TaskCanceledException(), false },
        { "another service unreachable", new HttpRequestException("SendGrid unreachable"), false },
        { "an empty aggregate", new AggregateException(), false },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Storage_is_unavailable_only_when_storage_did_not_answer(string because, Exception exception, bool unavailable)
    {
        Assert.True(StorageFaults.IsUnavailable(exception) == unavailable, because);
    }

    [Theory]
    [InlineData(10_000, "10")]
    [InlineData(1_500, "2")]
    [InlineData(1, "1")]
    [InlineData(0, "1")]
    public void Retry_after_is_whole_seconds_rounded_up_and_at_least_one(int milliseconds, string expected)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();

        RetryAfter.Set(context.Response, TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, context.Response.Headers.RetryAfter.ToString());
    }
}
