namespace Workflows.Application.Notifications;

/// <summary>
/// What the "notify" activity returns to the case, which records it in its history ("notification-sent"):
/// who got it (staff ids or role names, never addresses), which template, when, and the provider's ids.
/// </summary>
/// <param name="Superseded">True when a later notification of the same step took over before this one went out, so it was not sent.</param>
public sealed record NotifyResult(
    IReadOnlyList<string> Recipients,
    string Template,
    DateTimeOffset SentAt,
    IReadOnlyList<string> MessageIds,
    bool? Superseded = null);
