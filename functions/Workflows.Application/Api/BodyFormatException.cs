namespace Workflows.Application.Api;

/// <summary>
/// The body as a whole cannot be read (not JSON, an envelope member missing, a CSV quote never closed):
/// the request is refused with 400 and nothing is stored. <see cref="Path"/> names the field where possible.
/// </summary>
public sealed class BodyFormatException(string path, string message) : Exception(message)
{
    public string Path { get; } = path;
}
