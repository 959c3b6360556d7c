namespace Workflows.Orchestrations.Storage;

/// <summary>The index's own columns beside a row's properties, shared by its writer and its tally.</summary>
internal static class IndexColumns
{
    public const string InstanceId = "InstanceId";
    public const string Version = "Version";
    public const string Active = "Active";

    /// <summary>On a live worklist row: it is in its count row (rows written before counting existed lack it).</summary>
    public const string Counted = "Counted";

    /// <summary>On a count row: the JSON map of bucket to number.</summary>
    public const string Counts = "Counts";

    public static readonly HashSet<string> Reserved = [InstanceId, Version, Active, Counted, Counts, "PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    public static bool IsColumnName(string column) =>
        !Reserved.Contains(column) && column.Length is > 0 and <= 64 && char.IsAsciiLetter(column[0]) && column.All(char.IsAsciiLetterOrDigit);

    public static string EqualsFilter(IReadOnlyDictionary<string, string>? equals)
    {
        var filter = string.Empty;
        foreach (var (column, value) in equals ?? new Dictionary<string, string>())
        {
            if (!IsColumnName(column))
            {
                throw new ArgumentException($"'{column}' is not an index column.", nameof(equals));
            }

            filter += $" and {column} eq '{value.Replace("'", "''", StringComparison.Ordinal)}'";
        }

        return filter;
    }
}
