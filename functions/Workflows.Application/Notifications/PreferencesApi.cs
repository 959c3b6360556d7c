using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Application.Auth;

namespace Workflows.Application.Notifications;

/// <summary>Body and answer of the preference endpoint: <c>{ "preference": "digest-only" | "digest-and-reminders" }</c>.</summary>
public sealed record PreferenceBody(string? Preference);

/// <summary>
/// <c>GET|PUT /api/v1/me/notification-preference</c>: a member of staff reads or chooses whether they get
/// reminders besides the daily digest (escalations always go at once).
/// </summary>
public static class PreferencesApi
{
    public static RouteGroupBuilder MapPreferencesApiV1(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/notification-preference")
            .RequireAuthorization(AuthPolicies.Staff)
            .WithTags("Notifications")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        me.MapGet(string.Empty, GetAsync)
            .WithName("GetNotificationPreference")
            .WithSummary("The caller's notification preference (default digest-and-reminders).");
        me.MapPut(string.Empty, PutAsync)
            .WithName("SetNotificationPreference")
            .WithSummary("Sets the caller's notification preference: digest-only or digest-and-reminders.");
        return api;
    }

    internal static async Task<Ok<PreferenceBody>> GetAsync(HttpContext http, PreferenceStore store, CancellationToken cancellationToken)
    {
        var preference = await store.GetAsync(http.Caller().Id, cancellationToken);
        return TypedResults.Ok(new PreferenceBody(NotificationPreferences.ToWire(preference)));
    }

    internal static async Task<Results<Ok<PreferenceBody>, ValidationProblem>> PutAsync(
        HttpContext http, PreferenceBody? body, PreferenceStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (NotificationPreferences.Parse(body?.Preference) is not { } preference)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["preference"] = [$"Must be one of: {NotificationPreferences.DigestOnly}, {NotificationPreferences.DigestAndReminders}."],
                },
                detail: "The notification preference is not valid.");
        }

        await store.SetAsync(http.Caller().Id, preference, clock.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new PreferenceBody(NotificationPreferences.ToWire(preference)));
    }
}
