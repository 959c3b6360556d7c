using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Domain.Cases;
using Workflows.Domain.Signals;
using Workflows.Orchestrations.Client;
using Workflows.Application.Retention;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Retention;

/// <summary>RULES §1 "Retention": after the retention period no personal data is left anywhere; anonymous counts remain.</summary>
public sealed class RetentionPurgeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] PersonalData = ["Vandenbroucke", "Purgestraat", "1234XY", "+31687654321", "p.vandenbroucke@example.nl", "1979-02-03"];
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(90));

    [Fact]
    public async Task After_retention_no_personal_data_is_left_in_any_table_or_queue_and_the_count_remains()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        // Only the cases under test move through the six months (the digest schedule would step every working day).
        app.Settings["Mail:DigestEnabled"] = "false";
        using var http = app.CreateClient(); // starts the host and its loops
        var client = app.Services.GetRequiredService<CaseClient>();
        await client.StartAsync(SignalOrchestration.TypeName, "sig-purge", Intake("HUUR-P1"), "demo-corp-a", _ct);
        await client.StartAsync(SignalOrchestration.TypeName, "sig-absorbed", Intake("HUUR-P2") with { CorporationId = "demo-corp-b", MergeInto = "sig-purge" }, "demo-corp-b", _ct);
        await Eventually.TrueAsync(async () => (await client.GetStatusAsync("sig-purge", _ct))!.StateAs<SignalState>().Absorbed.Count == 1, because: "the second signal is absorbed");
        await client.RaiseEventAsync("sig-purge", SignalEvents.ContactAttempted, new SignalEventPayload { Channel = ContactChannel.Phone, Reached = true, Note = "sprak Vandenbroucke" }, "coordinator-zaanstad", null, _ct);
        await client.RaiseEventAsync("sig-purge", SignalEvents.Closed, new SignalEventPayload { Outcome = SignalOutcome.PaymentPlan }, "coordinator-zaanstad", null, _ct);
        Assert.Contains(PersonalData[0], await DumpAsync(app.Prefix));

        await app.AdvanceAsync(TimeSpan.FromDays(30 * 6), _ct);
        Assert.NotNull(await client.GetStatusAsync("sig-purge", _ct)); // six months have not quite passed
        await app.AdvanceAsync(TimeSpan.FromDays(7), _ct);

        await Eventually.TrueAsync(async () => await client.GetStatusAsync("sig-purge", _ct) is null && await client.GetStatusAsync("sig-absorbed", _ct) is null, because: "the purge runs");
        await app.SettleAsync(_ct);
        var everything = await DumpAsync(app.Prefix);
        foreach (var value in PersonalData)
        {
            // The failure names the table or queue, and the row or message, that still holds it.
            var holding = everything.Split(Environment.NewLine).Where(line => line.Contains(value, StringComparison.Ordinal)).ToList();
            Assert.True(holding.Count == 0, $"'{value}' is still stored:{Environment.NewLine}{string.Join(Environment.NewLine, holding)}");
        }

        var counts = await app.Services.GetRequiredService<CaseStatistics>().CountsAsync(CaseKind.Signal, "GM0479", _ct);
        var count = Assert.Single(counts);
        Assert.Equal(("2026-11", "demo-corp-a", false, "PaymentPlan", 1), (count.Month, count.Corporation, count.Urgent, count.Outcome, count.Count));
    }

    private static SignalIntake Intake(string reference) => new(
        "demo-corp-a", reference, "GM0479", "schuldhulp-zaanstad",
        [new Tenant("P.", null, "Vandenbroucke", new DateOnly(1979, 2, 3), "+31687654321", "p.vandenbroucke@example.nl")],
        new Address("Purgestraat", 7, null, "1234XY", "Zaandam"),
        new Arrears(900m, new DateOnly(2026, 8, 1), 2, 450m), EvictionStage.Arrears, null, SignalPlan.Default, new RetentionPolicy());

    /// <summary>Every value of every row of this app's tables, and every visible message of its queues.</summary>
    private async Task<string> DumpAsync(string prefix)
    {
        var builder = new System.Text.StringBuilder();
        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0, cancellationToken: _ct))
        {
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: _ct))
            {
                builder.Append($"table {table.Name}: ").AppendJoin('|', row.Select(kv => $"{kv.Key}={kv.Value}".ReplaceLineEndings(" "))).AppendLine();
            }
        }

        var queues = new QueueServiceClient(azurite.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: prefix, cancellationToken: _ct))
        {
            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32, _ct)).Value)
            {
                builder.Append($"queue {queue.Name}, message {message.MessageId} (dequeued {message.DequeueCount}x): ").AppendLine(message.Body.ToString().ReplaceLineEndings(" "));
            }
        }

        return builder.ToString();
    }
}
