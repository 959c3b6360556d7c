namespace Workflows.Application;

/// <summary>Log lines of Seeding/ (event ids 2410-2419). Development only: the seeded keys are printed on purpose.</summary>
internal static partial class Logs
{
    [LoggerMessage(2410, LogLevel.Warning, "Development seeding failed (attempt {Attempt}); storage may not be reachable yet. Retrying in {Delay}.")]
    public static partial void SeedingNotReady(this ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(2411, LogLevel.Information, "Development credentials {Outcome}: {File}")]
    public static partial void SeedingDone(this ILogger logger, string outcome, string file);

    [LoggerMessage(2412, LogLevel.Information, "  {Kind} {Id} ({Role}, {Municipalities}) X-Api-Key: {ApiKey}")]
    public static partial void SeededCredential(this ILogger logger, string kind, string id, string role, string municipalities, string apiKey);
}
