namespace Workflows.Orchestrations.Cases;

/// <summary>An index row a case holds (partition and key), so a later transition can take it away.</summary>
public sealed record IndexKey(string Partition, string Key);
