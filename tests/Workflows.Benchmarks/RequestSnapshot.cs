namespace Workflows.Benchmarks;

/// <summary>A snapshot of one counter: the total and the split by "service METHOD" (e.g. "queue GET").</summary>
internal sealed record RequestSnapshot(long Total, IReadOnlyDictionary<string, long> ByKind)
{
    public RequestSnapshot Minus(RequestSnapshot earlier) => new(
        Total - earlier.Total,
        ByKind.Select(k => (k.Key, Value: k.Value - earlier.ByKind.GetValueOrDefault(k.Key)))
            .Where(k => k.Value != 0)
            .ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal));

    public RequestSnapshot Plus(RequestSnapshot other) => new(
        Total + other.Total,
        ByKind.Keys.Union(other.ByKind.Keys, StringComparer.Ordinal)
            .ToDictionary(k => k, k => ByKind.GetValueOrDefault(k) + other.ByKind.GetValueOrDefault(k), StringComparer.Ordinal));
}
