namespace Workflows.Application.Auth;

/// <summary>What an API key stands for: the caller it authenticates, and a staff member's email.</summary>
public sealed record Credential(Caller Caller, string? Email, DateTimeOffset IssuedAt);
