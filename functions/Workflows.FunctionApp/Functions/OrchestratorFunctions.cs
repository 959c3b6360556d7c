using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Workflows.Application.Notifications;
using Workflows.Domain.Signals;
using Workflows.Domain.Trajectories;
using Workflows.Orchestrations.Hosting;

namespace Workflows.FunctionApp.Functions;

/// <summary>One orchestration trigger per case kind, each the generic case orchestrator the local host runs.</summary>
internal sealed class OrchestratorFunctions(CaseTasks tasks)
{
    [Function(SignalOrchestration.TypeName)]
    public Task<string?> SignalAsync([OrchestrationTrigger] TaskOrchestrationContext context) => tasks.RunOrchestratorAsync(SignalOrchestration.TypeName, context);

    [Function(TrajectoryOrchestration.TypeName)]
    public Task<string?> TrajectoryAsync([OrchestrationTrigger] TaskOrchestrationContext context) => tasks.RunOrchestratorAsync(TrajectoryOrchestration.TypeName, context);

    [Function(DigestOrchestration.TypeName)]
    public Task<string?> DigestAsync([OrchestrationTrigger] TaskOrchestrationContext context) => tasks.RunOrchestratorAsync(DigestOrchestration.TypeName, context);
}
