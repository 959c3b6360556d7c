using System.Globalization;
using System.Text.Json;
using Workflows.Engine;

namespace Workflows.Functions.AzureFunctions;

/// <summary>
/// What the Functions host posts to <c>/{functionName}</c> for a trigger (custom handlers, "request payload"):
/// <see cref="Data"/> holds the trigger value under its binding name, <see cref="Metadata"/> the trigger
/// metadata; for a queue <c>DequeueCount</c>, <c>Id</c> and <c>PopReceipt</c> among others.
/// </summary>
internal sealed record InvocationRequest(Dictionary<string, JsonElement>? Data, Dictionary<string, JsonElement>? Metadata)
{
    /// <summary>The queue message of this invocation; null when the payload does not carry one.</summary>
    public QueueDelivery? ToDelivery(string bindingName)
    {
        var body = Find(Data, bindingName) switch
        {
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            // A host that parsed the JSON body hands over the object: its text is the message.
            { ValueKind: JsonValueKind.Object or JsonValueKind.Array } json => json.GetRawText(),
            _ => null,
        };
        if (body is null || Number(Find(Metadata, "DequeueCount")) is not { } dequeueCount)
        {
            return null;
        }

        return new QueueDelivery(body, dequeueCount, Text(Find(Metadata, "Id")), Text(Find(Metadata, "PopReceipt")));
    }

    // Names are matched case-insensitively: the host's casing of metadata keys is not a contract we control.
    private static JsonElement? Find(Dictionary<string, JsonElement>? values, string name)
    {
        foreach (var (key, value) in values ?? [])
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static long? Number(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var n) => n,
        { ValueKind: JsonValueKind.String } text when long.TryParse(text.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static string? Text(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
}
