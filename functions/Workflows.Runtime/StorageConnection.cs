using Azure.Core;

namespace Workflows.Runtime;

/// <summary>Where the task hub lives: a connection string (Azurite) or an account reached with an identity (Azure).</summary>
/// <param name="ConnectionString">Set locally; null in Azure.</param>
/// <param name="AccountName">Set in Azure; used with <paramref name="Credential"/>.</param>
public sealed record StorageConnection(string? ConnectionString, string? AccountName, TokenCredential? Credential);
