using Azure.Data.Tables;

namespace Workflows.Engine.Storage;

/// <summary>
/// Table Storage caps a string property at 64 KiB; long JSON (state, outbox) is split across
/// <c>Name</c>, <c>Name_1</c>, ... and joined on read.
/// </summary>
internal static class Chunks
{
    private const int MaxChars = 30_000;

    public static void Write(TableEntity entity, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        var count = Math.Max(1, (value.Length + MaxChars - 1) / MaxChars);
        for (var i = 0; i < count; i++)
        {
            var part = value.Substring(i * MaxChars, Math.Min(MaxChars, value.Length - (i * MaxChars)));
            entity[i == 0 ? name : $"{name}_{i}"] = part;
        }
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetString(name) is not { } first)
        {
            return null;
        }

        if (!entity.ContainsKey($"{name}_1"))
        {
            return first;
        }

        var builder = new System.Text.StringBuilder(first);
        for (var i = 1; entity.GetString($"{name}_{i}") is { } next; i++)
        {
            builder.Append(next);
        }

        return builder.ToString();
    }
}
