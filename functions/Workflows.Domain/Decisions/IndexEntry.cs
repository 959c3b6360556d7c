namespace Workflows.Domain.Decisions;

/// <summary>
/// A row the case wants in the query index (e.g. one worklist line). The partition serves the query (a
/// municipality); the key orders it (due date first). The runtime keeps the index in step with the full set
/// a decision declares, idempotently and never letting an older transition win.
/// </summary>
/// <param name="Partition">Index partition, e.g. "worklist|GM0479".</param>
/// <param name="Key">Row key within the partition; unique per case, e.g. "2027-01-05|{id}|intake".</param>
/// <param name="Properties">Filterable string columns (assignee, team, kind, ...). No personal data.</param>
public sealed record IndexEntry(string Partition, string Key, IReadOnlyDictionary<string, string> Properties);
