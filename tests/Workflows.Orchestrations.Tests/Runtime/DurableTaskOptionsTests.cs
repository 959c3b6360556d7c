using Workflows.Runtime;

namespace Workflows.Orchestrations.Tests.Runtime;

/// <summary>The runtime settings are checked at start; a setting out of its bounds is named.</summary>
public sealed class DurableTaskOptionsTests
{
    [Fact]
    public void The_defaults_are_within_bounds()
    {
        var options = new DurableTaskOptions();

        Assert.Empty(options.Problems());
        Assert.Equal(128, options.ControlQueueBufferThreshold);
        Assert.Equal(TimeSpan.FromSeconds(10), options.PartitionTableOperationTimeout);
    }

    [Theory]
    [InlineData("MaxQueuePollingInterval")]
    [InlineData("ControlQueueVisibilityTimeout")]
    [InlineData("WorkItemQueueVisibilityTimeout")]
    [InlineData("MaximumTimerInterval")]
    [InlineData("PartitionTableOperationTimeout")]
    [InlineData("LeaseInterval")]
    public void A_time_out_of_bounds_is_named(string setting)
    {
        var options = new DurableTaskOptions();
        typeof(DurableTaskOptions).GetProperty(setting)!.SetValue(options, setting == "MaximumTimerInterval" ? TimeSpan.FromDays(7) : TimeSpan.FromHours(1));

        var problem = Assert.Single(options.Problems());

        Assert.StartsWith($"DurableTask:{setting} ", problem, StringComparison.Ordinal);
    }
}
