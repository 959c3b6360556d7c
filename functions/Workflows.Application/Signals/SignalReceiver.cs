using Microsoft.Extensions.Options;
using Workflows.Domain.Signals;
using Workflows.Orchestrations.Client;
using Workflows.Application.Policy;
using Workflows.Application.Telemetry;

namespace Workflows.Application.Signals;

/// <summary>
/// Starts the case of a valid signal: the id follows from corporation and reference (a resubmission finds
/// the existing case), an open case of the same household takes the signal in (RULES §1 triage: one
/// household, one plan), and the municipality's policy in force today goes into the case.
/// </summary>
/// <remarks>
/// The household index row of a new case is written by the runtime (the case's publish step), a moment after
/// the start. So that a signal sent right after this one still finds the case, a single intake answers once
/// the row shows (waiting at most <see cref="CaseClientOptions.EventWait"/>); a batch does not wait, it knows
/// the cases it opened itself (<c>openInBatch</c>).
/// </remarks>
internal sealed class SignalReceiver(CaseClient client, CasePolicy policy, IOptions<CaseClientOptions> clientOptions, ILogger<SignalReceiver> logger)
{
    /// <summary>A single intake: the answer waits until the new case can be found by its household.</summary>
    public Task<Received> ReceiveAsync(string corporationId, ValidSignal signal, CancellationToken cancellationToken) =>
        ReceiveAsync(corporationId, signal, openInBatch: null, waitUntilFindable: true, cancellationToken);

    /// <param name="openInBatch">The household's open case started earlier in the same batch, whose index row may not show yet.</param>
    /// <param name="waitUntilFindable">Wait until a new case's household row shows (see the remarks).</param>
    public async Task<Received> ReceiveAsync(
        string corporationId, ValidSignal signal, string? openInBatch, bool waitUntilFindable, CancellationToken cancellationToken)
    {
        var id = SignalIds.For(corporationId, signal.ExternalReference);
        var existing = await client.GetStatusAsync(id, cancellationToken);
        if (existing is { State: not null })
        {
            // A resubmission: one point read, before the household query (a partition query) is needed.
            logger.SignalResubmitted(id);
            return new Received(id, Created: false, existing, HouseholdCase: null);
        }

        var household = Household.Key(signal.Address) + "|";
        var partition = Household.Partition(signal.Municipality);
        // Only open cases have a household row; keys are "{household}|{instance id}", and '}' sorts after every id character.
        var open = await client.QueryIndexAsync(partition, household, household + "}", null, 1, cancellationToken);
        var mergeInto = open.Count > 0 && open[0].InstanceId != id ? open[0].InstanceId
            : openInBatch is not null && openInBatch != id ? openInBatch
            : null;

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
            return new Received(id, Created: false, started.Status, HouseholdCase: null);
        }

        ApplicationMetrics.SignalReceived(signal.Municipality, mergedIntoHousehold: mergeInto is not null);
        if (mergeInto is not null)
        {
            logger.SignalMerged(id, mergeInto);
            return new Received(id, Created: true, started.Status, HouseholdCase: mergeInto);
        }

        logger.SignalReceived(id, corporationId, signal.Municipality);
        if (waitUntilFindable)
        {
            await WaitUntilFindableAsync(partition, household + id, id, cancellationToken);
        }

        return new Received(id, Created: true, started.Status, HouseholdCase: id);
    }

    /// <summary>Polls the household row of a new case until it shows or the wait is over (the case is started either way).</summary>
    private async Task WaitUntilFindableAsync(string partition, string key, string id, CancellationToken cancellationToken)
    {
        var options = clientOptions.Value;
        var until = TimeProvider.System.GetUtcNow() + options.EventWait;
        while (true)
        {
            var rows = await client.QueryIndexAsync(partition, key, key + "}", null, 1, cancellationToken);
            if (rows.Count > 0 && rows[0].InstanceId == id)
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() >= until)
            {
                logger.SignalNotYetFindable(id);
                return;
            }

            await Task.Delay(options.PollInterval, TimeProvider.System, cancellationToken);
        }
    }

    /// <param name="Created">False when this corporation sent this reference before.</param>
    /// <param name="HouseholdCase">
    /// The open case of the household this signal is now in (its own, or the one it was taken into) when this
    /// call started it; null for a resubmission.
    /// </param>
    public sealed record Received(string Id, bool Created, InstanceStatus Status, string? HouseholdCase);
}
