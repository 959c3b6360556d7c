using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Workflows.Application.Tests.Support.Conformance;

/// <summary>
/// The served OpenAPI document as a contract for answers: an operation by method and path template, the statuses it
/// declares, and each declared body as a JSON Schema (OpenAPI 3.1 schemas are JSON Schema 2020-12; the document's
/// <c>#/components/schemas/X</c> become <c>#/$defs/X</c> of each response's schema).
/// </summary>
internal sealed class OpenApiContract
{
    private static readonly ConcurrentDictionary<string, OpenApiContract> Parsed = new(StringComparer.Ordinal);

    private readonly JsonObject _paths;
    private readonly JsonObject _schemas;
    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);
    private int _schemaCount;

    private OpenApiContract(JsonNode document)
    {
        _paths = document["paths"]?.AsObject() ?? [];
        _schemas = document["components"]?["schemas"]?.AsObject() ?? [];
    }

    /// <summary>One contract per distinct document text: apps that serve the same document share the compiled schemas.</summary>
    public static OpenApiContract From(string documentJson) =>
        Parsed.GetOrAdd(documentJson, json => new OpenApiContract(JsonNode.Parse(json) ?? throw new ArgumentException("Not JSON.", nameof(documentJson))));

    public bool HasOperation(string method, string pathTemplate) => Operation(method, pathTemplate) is not null;

    /// <summary>
    /// What is wrong with an answer of <paramref name="status"/> to <c>method pathTemplate</c>, or null when the document
    /// declares it: the operation, the status (or <c>4XX</c>/<c>default</c>), the media type and the body's schema.
    /// </summary>
    public string? Violation(string method, string pathTemplate, int status, string? contentType, ReadOnlyMemory<byte> body)
    {
        var where = $"{method} {pathTemplate} answered {status}";
        if (Operation(method, pathTemplate) is not { } operation)
        {
            return $"{where}, but the document has no such operation.";
        }

        var responses = operation["responses"]?.AsObject();
        var code = status.ToString(CultureInfo.InvariantCulture);
        var key = new[] { code, $"{code[0]}XX", "default" }.FirstOrDefault(k => responses?.ContainsKey(k) == true);
        if (key is null)
        {
            return $"{where}, a status the document does not declare for {operation["operationId"]} (it declares {string.Join(", ", responses?.Select(r => r.Key) ?? [])}).";
        }

        if (body.IsEmpty)
        {
            return null;
        }

        var content = responses![key]!["content"]?.AsObject();
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (content is null || mediaType is null || !content.TryGetPropertyValue(mediaType, out var declared))
        {
            return $"{where} with a {mediaType ?? "typeless"} body; the document declares {(content is null ? "no body" : string.Join(", ", content.Select(c => c.Key)))} for it.";
        }

        if (declared?["schema"] is not { } schema || !IsJson(mediaType))
        {
            return null;
        }

        JsonDocument instance;
        try
        {
            instance = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return $"{where} with a body that is not JSON: {e.Message}";
        }

        using (instance)
        {
            var results = Compiled($"{method} {pathTemplate} {key} {mediaType}", schema)
                .Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (results.IsValid)
            {
                return null;
            }

            var errors = (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
                .Distinct()
                .Take(20);
            return $"{where} with a body that does not match the declared schema:\n{string.Join('\n', errors)}\nbody: {Truncate(System.Text.Encoding.UTF8.GetString(body.Span))}";
        }
    }

    private JsonObject? Operation(string method, string pathTemplate) =>
        _paths.TryGetPropertyValue(pathTemplate, out var item) ? item?[method.ToLowerInvariant()]?.AsObject() : null;

    private JsonSchema Compiled(string key, JsonNode schema) =>
        _compiled.GetOrAdd(key, _ =>
        {
            var root = RewriteRefs(schema.DeepClone()).AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = RewriteRefs(_schemas.DeepClone());
            var uri = new Uri($"https://workflows.test/openapi/response-{Interlocked.Increment(ref _schemaCount)}.json");
            return JsonSchema.FromText(root.ToJsonString(), _build, uri);
        });

    private static JsonNode RewriteRefs(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "$ref" && value is JsonValue reference && reference.GetValue<string>() is { } target
                        && target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                    {
                        obj[name] = "#/$defs/" + target["#/components/schemas/".Length..];
                    }
                    else if (value is not null)
                    {
                        RewriteRefs(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    RewriteRefs(item);
                }

                break;
        }

        return node;
    }

    private static bool IsJson(string mediaType) => mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}
