namespace Workflows.Orchestrations.Activities;

/// <summary>Thrown to the runtime for a failure not worth retrying (e.g. the mail provider refused for good): the retry policy stops at once.</summary>
public sealed class ActivityRefusedException : Exception
{
    public ActivityRefusedException() : this("The activity was refused.") { }

    public ActivityRefusedException(string message) : base(message) { }

    public ActivityRefusedException(string message, Exception inner) : base(message, inner) { }
}
