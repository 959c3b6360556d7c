namespace Workflows.Application.Seeding;

/// <summary>The shape of <c>.data/dev-credentials.json</c> (API.md "Local defaults"); field names are fixed.</summary>
public sealed record DevelopmentCredentials(
    string BaseUrl,
    IReadOnlyList<CorporationCredentials> Corporations,
    IReadOnlyList<StaffCredentials> Staff);

public sealed record CorporationCredentials(string Id, string ApiKey, IReadOnlyList<string> Municipalities);

/// <summary>A staff member's key; <see cref="Role"/> is lowercase (<c>coordinator</c>, <c>teamlead</c>, <c>admin</c>).</summary>
public sealed record StaffCredentials(string Id, string Role, string? Municipality, string? Team, string ApiKey, string? Email);
