using SdkConverter = Microsoft.DurableTask.DataConverter;

namespace Workflows.Runtime;

/// <summary>
/// DTFx's converter over the SDK's, so the client (TaskHubClient, Newtonsoft with <c>$type</c> by default) and the
/// worker's shims serialise inputs, events and custom status alike (ARCHITECTURE §4 pitfalls).
/// </summary>
internal sealed class CoreDataConverter(SdkConverter inner) : DurableTask.Core.Serializing.DataConverter
{
    public override string Serialize(object value) => inner.Serialize(value) ?? "null";

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) => inner.Deserialize(data, objectType)!;
}
