namespace Workflows.Orchestrations.Client;

/// <summary>Instance ids are keys in tables and queues: short, no control characters, nothing a key may not hold.</summary>
public static class CaseIds
{
    public static void Validate(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (instanceId.Length > 100 || !instanceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            throw new ArgumentException("A case id is 1-100 characters of letters, digits, '-', '_', '.', ':'.", nameof(instanceId));
        }
    }
}
