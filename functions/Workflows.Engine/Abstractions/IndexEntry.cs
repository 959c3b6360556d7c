namespace Workflows.Engine.Abstractions;

/// <summary>
/// A row the instance wants in the query index (e.g. one worklist line). The partition serves the
/// query (a municipality, a team); the key orders it (e.g. due date first). The engine keeps the index
/// in step with the full set a definition declares, idempotently and never letting an older version win.
/// </summary>
/// <param name="Partition">Index partition, e.g. "worklist|GM0479".</param>
/// <param name="Key">Row key within the partition; must be unique per instance, e.g. "2027-01-05|{id}|intake".</param>
/// <param name="Properties">Filterable string columns (assignee, team, kind, ...). No personal data.</param>
public sealed record IndexEntry(string Partition, string Key, IReadOnlyDictionary<string, string> Properties)
{
    internal string Fingerprint()
    {
        var parts = Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}");
        return string.Join('\u001f', parts);
    }
}
