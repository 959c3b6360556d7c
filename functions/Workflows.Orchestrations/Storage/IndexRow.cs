namespace Workflows.Orchestrations.Storage;

/// <summary>A live row of the query index, as read back.</summary>
public sealed record IndexRow(string Partition, string Key, string InstanceId, IReadOnlyDictionary<string, string> Properties);
