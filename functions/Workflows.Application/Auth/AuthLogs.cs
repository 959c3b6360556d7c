namespace Workflows.Application;

/// <summary>Log lines of Auth/ (event ids 2400-2409). No keys, tokens or personal data.</summary>
internal static partial class Logs
{
    [LoggerMessage(2401, LogLevel.Warning, "A staff API key was refused: staff keys work in Development only.")]
    public static partial void StaffKeyRefused(this ILogger logger);

    [LoggerMessage(2402, LogLevel.Warning, "Creating the credentials table failed (attempt {Attempt}); storage may not be reachable yet. Retrying in {Delay}.")]
    public static partial void CredentialsTableNotReady(this ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(2403, LogLevel.Information, "Entra ID bearer tokens accepted for staff (authority {Authority}).")]
    public static partial void EntraConfigured(this ILogger logger, string authority);

    [LoggerMessage(2404, LogLevel.Information, "An Entra ID token was refused: it has no known app role, or no municipality for a non-admin.")]
    public static partial void EntraTokenRefused(this ILogger logger);

    [LoggerMessage(2405, LogLevel.Information, "A staff member who signed in with Entra ID was added to or updated in the staff directory.")]
    public static partial void StaffDirectoryUpdated(this ILogger logger);

    [LoggerMessage(2406, LogLevel.Warning, "Updating the staff directory after an Entra ID sign-in failed; the next request tries again.")]
    public static partial void StaffDirectoryUpdateFailed(this ILogger logger, Exception exception);
}
