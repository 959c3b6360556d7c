using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Domain.Plans;
using Workflows.Application.Api;

namespace Workflows.Application.Cases;

/// <summary>The 409s every kind of case answers to a staff event: closed, or suspend/resume that changes nothing (RULES §3).</summary>
internal static class CaseConflicts
{
    /// <summary>The conflict, or null; <paramref name="theCase"/> names the case in the detail ("The case", "The trajectory").</summary>
    public static ProblemHttpResult? Check(string type, string theCase, bool closed, CaseSteps steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (closed)
        {
            return Problems.Conflict($"{theCase} is closed; it takes no more events.");
        }

        if (type == StepEvents.Suspended && steps.IsSuspended)
        {
            return Problems.Conflict($"{theCase} is suspended already.");
        }

        if (type == StepEvents.Resumed && !steps.IsSuspended)
        {
            return Problems.Conflict($"{theCase} is not suspended.");
        }

        return null;
    }
}
