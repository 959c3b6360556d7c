using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflows.Application.Tests.Notifications;

/// <summary>How the fake answers one request.</summary>
public enum FakeAnswer
{
    Accept,
    TooManyRequests,
    ServerError,
    BadRequest,

    /// <summary>The connection is dropped without an answer, as when the provider is unreachable.</summary>
    Down,
}

/// <summary>One request the fake received, with what it answered.</summary>
public sealed record FakeAttempt(JsonElement Payload, FakeAnswer Answer, string? MessageId, TimeSpan At, string? Authorization)
{
    public string To => Payload.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString()!;

    public string Subject => Payload.GetProperty("subject").GetString()!;

    public IReadOnlyList<string> ContentTypes => [.. Payload.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()!)];

    public string Content(string type) =>
        Payload.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == type).GetProperty("value").GetString()!;

    public string CustomArg(string name) => Payload.GetProperty("custom_args").GetProperty(name).GetString()!;

    /// <summary>The decoded .ics attachment, or null.</summary>
    public string? Calendar =>
        Payload.TryGetProperty("attachments", out var attachments)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(attachments[0].GetProperty("content").GetString()!))
            : null;

    /// <summary>Everything a reader of the message could see: subject, text, HTML and the decoded attachment.</summary>
    public string Everything => string.Join('\n', Subject, string.Join('\n', ContentTypes.Select(Content)), Calendar ?? string.Empty);
}

/// <summary>
/// A tiny SendGrid on 127.0.0.1 (a free port) that speaks <c>POST /v3/mail/send</c>: it checks the bearer key,
/// records every request, and answers as scripted (<see cref="Script"/>), else as <see cref="Default"/>.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    public const string ApiKey = "SG.test-key-not-a-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(FakeAnswer Answer, int RetryAfterSeconds)> _script = new();
    private readonly ConcurrentQueue<FakeAttempt> _attempts = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private FakeSendGrid(WebApplication app) => _app = app;

    /// <summary>The answer when the script is empty.</summary>
    public FakeAnswer Default { get; set; } = FakeAnswer.Accept;

    /// <summary>Retry-After (seconds) sent with a default 429.</summary>
    public int DefaultRetryAfterSeconds { get; set; } = 1;

    public string Host => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public IReadOnlyList<FakeAttempt> Attempts => [.. _attempts];

    public IReadOnlyList<FakeAttempt> Accepted => [.. _attempts.Where(a => a.Answer == FakeAnswer.Accept)];

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.MapPost("/v3/mail/send", fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>The next requests get these answers, in order (429 with <paramref name="retryAfterSeconds"/>).</summary>
    public void Script(FakeAnswer answer, int times = 1, int retryAfterSeconds = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue((answer, retryAfterSeconds));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var (answer, retryAfter) = _script.TryDequeue(out var scripted) ? scripted : (Default, DefaultRetryAfterSeconds);
        if (authorization != $"Bearer {ApiKey}")
        {
            _attempts.Enqueue(new FakeAttempt(body.RootElement.Clone(), FakeAnswer.BadRequest, null, _clock.Elapsed, authorization));
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        string? messageId = answer == FakeAnswer.Accept ? Guid.NewGuid().ToString("N")[..22] : null;
        _attempts.Enqueue(new FakeAttempt(body.RootElement.Clone(), answer, messageId, _clock.Elapsed, authorization));
        switch (answer)
        {
            case FakeAnswer.Accept:
                context.Response.Headers["X-Message-Id"] = messageId;
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                break;
            case FakeAnswer.TooManyRequests:
                context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            case FakeAnswer.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
            case FakeAnswer.BadRequest:
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = "The to array is invalid.", field = "personalizations.0.to" } } });
                break;
            default:
                context.Abort();
                break;
        }
    }
}
