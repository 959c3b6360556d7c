using System.Text.Json;
using Workflows.Engine.Abstractions;
using Workflows.Testing;
using Workflows.Testing.Engine;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>State is data: an instance written by version 1 continues under version 2 code (§4.10).</summary>
public sealed class VersioningTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task An_instance_started_on_version_1_continues_under_version_2()
    {
        var prefix = AzuriteFixture.NewPrefix();
        await using (var v1 = await TestEngine.StartAsync(azurite, [new CounterV1()], prefix: prefix))
        {
            await v1.Client.StartAsync("counter", "case-1", new CounterInput(10), "test", _ct);
            await v1.Client.RaiseEventAsync("case-1", "tick", null, "test", null, _ct);
        }

        await using var v2 = await TestEngine.StartAsync(azurite, [new CounterV2()], prefix: prefix);
        var status = await v2.Client.RaiseEventAsync("case-1", "tick", null, "test", null, _ct);

        var state = status!.StateAs<CounterStateV2>();
        Assert.Equal(12, state.Total);
        Assert.Equal("migrated from v1", state.Origin);
        Assert.Equal(1, status.StartedVersion);
        Assert.Equal(2, status.StateVersion);
        var next = await v2.Client.RaiseEventAsync("case-1", "tick", null, "test", null, _ct);
        Assert.Equal("migrated from v1", next!.StateAs<CounterStateV2>().Origin); // v2 state loads as v2
        Assert.Equal(13, next.StateAs<CounterStateV2>().Total);
    }

    public sealed record CounterInput(int Start);

    public sealed record CounterStateV1(int Value);

    /// <summary>Version 2 renamed the field and added one.</summary>
    public sealed record CounterStateV2(int Total, string Origin);

    private sealed class CounterV1 : OrchestrationDefinition<CounterInput, CounterStateV1>
    {
        public override string Type => "counter";

        public override int Version => 1;

        protected override CounterStateV1 Start(CounterInput input, OrchestrationContext context) => new(input.Start);

        protected override CounterStateV1 Handle(CounterStateV1 state, OrchestrationEvent @event, OrchestrationContext context) => state with { Value = state.Value + 1 };
    }

    private sealed class CounterV2 : OrchestrationDefinition<CounterInput, CounterStateV2>
    {
        public override string Type => "counter";

        public override int Version => 2;

        protected override CounterStateV2 Start(CounterInput input, OrchestrationContext context) => new(input.Start, "v2");

        protected override CounterStateV2 Handle(CounterStateV2 state, OrchestrationEvent @event, OrchestrationContext context) => state with { Total = state.Total + 1 };

        protected override CounterStateV2 Load(JsonElement state, int version) => version < 2
            ? new CounterStateV2(state.GetProperty("value").GetInt32(), "migrated from v1")
            : base.Load(state, version);
    }
}
