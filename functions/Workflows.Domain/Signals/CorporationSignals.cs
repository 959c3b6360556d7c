using System.Globalization;
using Workflows.Domain.Decisions;

namespace Workflows.Domain.Signals;

/// <summary>
/// A corporation's own signals in the query index, newest first, for its page (PAGES.md "/corporation"): only what
/// the coarse view shows (API.md "Corporations": reference, status, received), nothing of the household (RULES §1).
/// </summary>
public static class CorporationSignals
{
    public static string Partition(string corporationId) => $"corporation|{corporationId}";

    public static IndexEntry Row(string caseId, SignalState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        // Keys count down so that a partition read starts at the newest signal.
        var newestFirst = (DateTimeOffset.MaxValue.UtcTicks - state.ReceivedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        return new IndexEntry(
            Partition(state.CorporationId),
            $"{newestFirst}|{caseId}",
            new Dictionary<string, string>
            {
                ["CaseId"] = caseId,
                ["ExternalReference"] = state.ExternalReference,
                ["Status"] = Kebab(state.Coarse),
                ["ReceivedAt"] = state.ReceivedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                ["MergedInto"] = state.MergedInto ?? string.Empty,
            });
    }

    private static string Kebab(CoarseStatus status) => status switch
    {
        CoarseStatus.Received => "received",
        CoarseStatus.InContact => "in-contact",
        CoarseStatus.HelpAccepted => "help-accepted",
        CoarseStatus.NotReached => "not-reached",
        _ => "closed",
    };
}
