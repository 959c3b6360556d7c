using Microsoft.DurableTask;

namespace Workflows.FunctionApp.Runtime;

/// <summary>The activity context the SDK's classes see when the Functions host runs them (name and orchestration id).</summary>
internal sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
