namespace Workflows.Domain.Plans;

/// <summary>Who is responsible for a step, or who hears about it.</summary>
public enum Role
{
    /// <summary>The case's assigned person (coordinator, outreach worker).</summary>
    Assignee,

    /// <summary>The team that owns the case.</summary>
    Team,

    /// <summary>The team's lead.</summary>
    TeamLead,

    /// <summary>The configured Zorg- en Veiligheidshuis contact (high-risk aftercare).</summary>
    ZvhContact,
}
