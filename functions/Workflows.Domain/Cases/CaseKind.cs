namespace Workflows.Domain.Cases;

/// <summary>The two kinds of case.</summary>
public enum CaseKind
{
    Signal,
    Trajectory,
}
