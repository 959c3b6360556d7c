using System.Text.Json;

namespace Workflows.Domain.Decisions;

/// <summary>A decision's own line in the case's business history, e.g. "step-extended" with its detail.</summary>
public sealed record HistoryNote(string What, JsonElement? Detail);
