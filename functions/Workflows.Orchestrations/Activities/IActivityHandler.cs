using System.Text.Json;
using Workflows.Domain.Decisions;

namespace Workflows.Orchestrations.Activities;

/// <summary>Side-effecting work (an email, a call out) run after a transition commits, at least once.</summary>
public interface IActivityHandler
{
    /// <summary>The activity name definitions call.</summary>
    string Name { get; }

    /// <summary>Does the work. Throw <see cref="ActivityException"/> to steer retries; anything else retries with back-off.</summary>
    /// <returns>An optional result, delivered to the instance when the definition asked to be notified.</returns>
    Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken);
}

/// <summary>What an activity run knows about itself.</summary>
/// <param name="InstanceId">The instance that called it.</param>
/// <param name="ActivityId">Stable id: receivers use it to dedupe repeated runs.</param>
/// <param name="Input">The definition's input.</param>
/// <param name="Attempt">1 on the first run.</param>
public sealed record ActivityContext(string InstanceId, string ActivityId, JsonElement Input, int Attempt)
{
    /// <summary>Business time of the transition that called the activity.</summary>
    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>The input as <typeparamref name="T"/>.</summary>
    public T InputAs<T>() => Input.Deserialize<T>(DomainJson.Options) ?? throw new InvalidOperationException("Activity input is empty.");
}

/// <summary>An activity failure that says whether to retry and when.</summary>
public sealed class ActivityException : Exception
{
    public ActivityException() : this("Activity failed.") { }

    public ActivityException(string message) : base(message) { }

    public ActivityException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates a failure.</summary>
    public ActivityException(string message, bool retryable, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Retryable = retryable;
        RetryAfter = retryAfter;
    }

    /// <summary>False: give up at once (e.g. a 400 from the provider).</summary>
    public bool Retryable { get; } = true;

    /// <summary>The earliest moment to try again, when the other side said (e.g. Retry-After).</summary>
    public TimeSpan? RetryAfter { get; }
}
