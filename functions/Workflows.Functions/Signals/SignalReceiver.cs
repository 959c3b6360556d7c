using Workflows.Domain.Signals;
using Workflows.Engine.Client;
using Workflows.Functions.Policy;

namespace Workflows.Functions.Signals;

/// <summary>
/// Starts the case of a valid signal: the id follows from corporation and reference (a resubmission finds
/// the existing case), an open case of the same household takes the signal in (RULES §1 triage: one
/// household, one plan), and the municipality's policy in force today goes into the case.
/// </summary>
internal sealed class SignalReceiver(OrchestrationClient client, CasePolicy policy, ILogger<SignalReceiver> logger)
{
    public async Task<Received> ReceiveAsync(string corporationId, ValidSignal signal, CancellationToken cancellationToken)
    {
        var id = SignalIds.For(corporationId, signal.ExternalReference);
        var existing = await client.GetStatusAsync(id, cancellationToken);
        if (existing is { State: not null })
        {
            // A resubmission: one point read, before the household query (a partition query) is needed.
            logger.SignalResubmitted(id);
            return new Received(id, Created: false, existing);
        }

        var household = Household.Key(signal.Address) + "|";
        // Only open cases have a household row; keys are "{household}|{instance id}", and '}' sorts after every id character.
        var open = await client.QueryIndexAsync(Household.Partition(signal.Municipality), household, household + "}", null, 1, cancellationToken);
        var mergeInto = open.Count > 0 && open[0].InstanceId != id ? open[0].InstanceId : null;

        var municipality = policy.For(signal.Municipality);
        var intake = new SignalIntake(
            corporationId,
            signal.ExternalReference,
            signal.Municipality,
            municipality.DefaultTeam,
            signal.Tenants,
            signal.Address,
            signal.Arrears,
            signal.Stage,
            signal.EvictionDate,
            policy.SignalPlanFor(signal.Municipality),
            municipality.SignalRetention,
            mergeInto);
        var started = await client.StartAsync(SignalOrchestration.TypeName, id, intake, corporationId, knownAbsent: existing is null, cancellationToken);
        if (!started.Created)
        {
            logger.SignalResubmitted(id);
        }
        else if (mergeInto is not null)
        {
            logger.SignalMerged(id, mergeInto);
        }
        else
        {
            logger.SignalReceived(id, corporationId, signal.Municipality);
        }

        return new Received(id, started.Created, started.Status);
    }

    /// <param name="Created">False when this corporation sent this reference before.</param>
    public sealed record Received(string Id, bool Created, InstanceStatus Status);
}
