namespace Workflows.Application.Cases;

/// <summary>An event on a case that passed its checks: the engine event name and payload.</summary>
internal sealed record ValidEvent<TPayload>(string Type, TPayload Payload);
