using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Workflows.Application.Auth;

namespace Workflows.Application.Seeding;

/// <summary>What seeding did at start.</summary>
public enum SeedOutcome
{
    /// <summary>The file's keys still validated and were kept.</summary>
    Reused,

    /// <summary>New keys were issued (old ones of the same ids revoked) and the file was written.</summary>
    Issued,
}

/// <summary>
/// Development only: at start, makes sure the <see cref="DevelopmentSeed"/> callers have working keys and that
/// <c>.data/dev-credentials.json</c> lists them. Idempotent across restarts: when every key in the file still
/// validates against the credentials table for the same caller, it is reused; otherwise all are issued anew.
/// Retries with back-off while storage is not reachable.
/// </summary>
internal sealed class DevelopmentSeeder(
    CredentialStore credentials,
    IOptions<SeedingOptions> options,
    IHostEnvironment environment,
    IConfiguration configuration,
    ILogger<DevelopmentSeeder> logger)
    : BackgroundService
{
    private const string DefaultBaseUrl = "http://localhost:7071";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly TaskCompletionSource<(DevelopmentCredentials, SeedOutcome)> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the credentials are in place (tests wait on it).</summary>
#pragma warning disable VSTHRD003 // Our own TaskCompletionSource, set by ExecuteAsync; no synchronization context to deadlock on.
    public Task<(DevelopmentCredentials Credentials, SeedOutcome Outcome)> Completed => _completed.Task;
#pragma warning restore VSTHRD003

    public string CredentialsFile => options.Value.ResolveCredentialsFile(environment.ContentRootPath);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Registration already depends on the environment; this guards against a registration mistake.
        if (!LocalDevelopment.Is(environment))
        {
            _completed.TrySetCanceled(CancellationToken.None);
            return;
        }

        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await SeedAsync(stoppingToken);
                _completed.TrySetResult(result);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                _completed.TrySetCanceled(stoppingToken);
                return;
            }
            catch (Exception ex)
            {
                logger.SeedingNotReady(ex, attempt, delay);
            }

            try
            {
                // Real time: waiting for a storage service is not domain time (see TaskHubHostedService).
                await Task.Delay(delay, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                _completed.TrySetCanceled(stoppingToken);
                return;
            }

            delay = delay * 2 > MaxRetry ? MaxRetry : delay * 2;
        }
    }

    internal async Task<(DevelopmentCredentials, SeedOutcome)> SeedAsync(CancellationToken cancellationToken)
    {
        await credentials.EnsureCreatedAsync(cancellationToken);
        var file = CredentialsFile;
        var baseUrl = BaseUrl();
        var (keys, outcome) = await ReuseAsync(file, cancellationToken) is { } reused
            ? (reused, SeedOutcome.Reused)
            : (await IssueAsync(cancellationToken), SeedOutcome.Issued);

        var seeded = new DevelopmentCredentials(
            baseUrl,
            [.. DevelopmentSeed.Callers.Where(s => s.Caller.Kind == CallerKind.Corporation)
                .Select(s => new CorporationCredentials(s.Caller.Id, keys[s.Caller.Id], [.. s.Caller.Municipalities.Order(StringComparer.Ordinal)]))],
            [.. DevelopmentSeed.Callers.Where(s => s.Caller.Kind == CallerKind.Staff)
                .Select(s => new StaffCredentials(
                    s.Caller.Id,
                    s.Caller.Role!.Value.ToString().ToLowerInvariant(),
                    s.Caller.Municipalities.SingleOrDefault(),
                    s.Caller.Team,
                    keys[s.Caller.Id],
                    s.Email))]);
        await WriteAsync(file, seeded, cancellationToken);

        logger.SeedingDone(outcome == SeedOutcome.Reused ? "reused" : "issued", file);
        foreach (var (caller, _) in DevelopmentSeed.Callers)
        {
            logger.SeededCredential(
                caller.Kind.ToString().ToLowerInvariant(),
                caller.Id,
                caller.Role?.ToString().ToLowerInvariant() ?? "corporation",
                caller.Municipalities.Count == 0 ? "all municipalities" : string.Join(", ", caller.Municipalities.Order(StringComparer.Ordinal)),
                keys[caller.Id]);
        }

        return (seeded, outcome);
    }

    /// <summary>The file's keys by caller id when every seeded caller has one that still validates as that caller; else null.</summary>
    private async Task<Dictionary<string, string>?> ReuseAsync(string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        DevelopmentCredentials? existing;
        try
        {
            await using var stream = File.OpenRead(file);
            existing = await JsonSerializer.DeserializeAsync<DevelopmentCredentials>(stream, FileJson, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }

        var inFile = (existing?.Corporations ?? []).Select(c => (c.Id, c.ApiKey))
            .Concat((existing?.Staff ?? []).Select(s => (s.Id, s.ApiKey)))
            .Where(e => e.Id is not null && e.ApiKey is not null)
            .GroupBy(e => e.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().ApiKey, StringComparer.Ordinal);
        foreach (var (caller, email) in DevelopmentSeed.Callers)
        {
            if (!inFile.TryGetValue(caller.Id, out var key)
                || await credentials.FindAsync(key, cancellationToken) is not { } found
                || !Same(found, caller, email))
            {
                return null;
            }
        }

        return inFile;
    }

    private async Task<Dictionary<string, string>> IssueAsync(CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (caller, email) in DevelopmentSeed.Callers)
        {
            // Old keys of a seeded id stop working, so a lost or stale file leaves nothing valid behind.
            await credentials.RevokeAsync(caller.Kind, caller.Id, cancellationToken);
            keys[caller.Id] = await credentials.IssueAsync(caller, email, cancellationToken);
        }

        return keys;
    }

    private static async Task WriteAsync(string file, DevelopmentCredentials seeded, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(seeded, FileJson) + "\n";
        if (File.Exists(file) && await File.ReadAllTextAsync(file, cancellationToken) == json)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // Write aside, then move: a reader never sees half a file.
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, json, cancellationToken);
        File.Move(temporary, file, overwrite: true);
    }

    private static bool Same(Credential found, Caller expected, string? email) =>
        found.Caller.Kind == expected.Kind
        && found.Caller.Id == expected.Id
        && found.Caller.Role == expected.Role
        && found.Caller.Team == expected.Team
        && found.Caller.Municipalities.SetEquals(expected.Municipalities)
        && found.Email == email;

    private string BaseUrl() =>
        options.Value.BaseUrl
        ?? configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
        ?? DefaultBaseUrl;
}
