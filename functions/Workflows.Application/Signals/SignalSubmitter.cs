using System.Text.Json;
using Workflows.Domain.Signals;
using Workflows.Orchestrations.Client;
using Workflows.Application.Api;
using Workflows.Application.Auth;
using Workflows.Application.Policy;

namespace Workflows.Application.Signals;

/// <summary>
/// Takes in one signal from its JSON form (API.md "A signal"): the one road by which <c>POST /api/v1/signals</c>
/// and the corporation page's form send one. A refused signal stores nothing; a repeated
/// <c>externalReference</c> of the same corporation finds the signal sent before.
/// </summary>
internal static class SignalSubmitter
{
    public abstract record Outcome
    {
        public sealed record Forbidden(string Detail) : Outcome;

        public sealed record Invalid(ValidationErrors Errors) : Outcome;

        public sealed record Received(string Id, bool Created, SignalStatusView View) : Outcome;
    }

    public static async Task<Outcome> SubmitAsync(
        Caller caller, JsonElement root, SignalReceiver receiver, CaseClient client, CasePolicy policy, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(receiver);
        var errors = new ValidationErrors();
        var draft = SignalJsonReader.Read(root, errors);
        if (draft?.MunicipalityCode is { } municipality && MunicipalityCode.IsValid(municipality) && !caller.Municipalities.Contains(municipality))
        {
            return new Outcome.Forbidden($"This corporation may not send signals to municipality {municipality}.");
        }

        if (SignalValidator.Validate(draft, errors, today, policy) is not { } signal)
        {
            return new Outcome.Invalid(errors);
        }

        var received = await receiver.ReceiveAsync(caller.Id, signal, cancellationToken);
        var state = received.Status.StateAs<SignalState>();
        return new Outcome.Received(received.Id, received.Created, await SignalViews.CoarseAsync(client, received.Id, state, cancellationToken));
    }
}
