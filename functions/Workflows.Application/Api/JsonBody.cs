using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Workflows.Application.Api;

/// <summary>
/// Reads a whole JSON request body for strict validation: the content type must be
/// <c>application/json</c> (else 415), the bytes valid UTF-8, the text valid JSON (comments, trailing
/// commas and content after the value refused), within <c>maxBytes</c> (else 413). Problems come back
/// as results, so a handler answers them without storing anything.
/// </summary>
public static class JsonBody
{
    /// <summary>Deeper nesting than any request of this API needs.</summary>
    public const int MaxDepth = 16;

    public static async Task<JsonBodyResult> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (MediaType.Match(request, MediaType.Json) is null)
        {
            return new JsonBodyResult(null, null, Problems.UnsupportedMediaType(MediaType.Unsupported(MediaType.Json)));
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return new JsonBodyResult(null, null, Problems.ContentTooLarge($"The body is larger than {maxBytes} bytes."));
            }
        }

        var bytes = buffer.WrittenMemory;
        if (bytes.Span.StartsWith(Utf8Text.Bom))
        {
            bytes = bytes[Utf8Text.Bom.Length..];
        }

        var errors = new ValidationErrors();
        if (bytes.IsEmpty)
        {
            errors.Add("$", "A JSON body is required.");
            return new JsonBodyResult(null, errors.ToProblem("The body is empty."), null);
        }

        if (Utf8Text.FirstInvalid(bytes.Span) is var invalid and >= 0)
        {
            errors.Add("$", Utf8Text.InvalidMessage(invalid));
            return new JsonBodyResult(null, errors.ToProblem("The body is not valid UTF-8."), null);
        }

        try
        {
            return new JsonBodyResult(JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth }), null, null);
        }
        catch (JsonException e)
        {
            errors.Add("$", NotJson(e));
            return new JsonBodyResult(null, errors.ToProblem("The body is not valid JSON."), null);
        }
    }

    /// <summary>Where a JSON syntax error is, without echoing the body.</summary>
    public static string NotJson(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.LineNumber is { } line
            ? $"Not valid JSON at line {line + 1}, byte {(exception.BytePositionInLine ?? 0) + 1}."
            : "Not valid JSON.";
    }
}

/// <summary>The parsed body, or the problem to answer: 400 (<see cref="Invalid"/>) or 413/415 (<see cref="Refused"/>).</summary>
public sealed record JsonBodyResult(JsonDocument? Document, ValidationProblem? Invalid, ProblemHttpResult? Refused) : IDisposable
{
    public void Dispose() => Document?.Dispose();
}
