using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Notifications;
using Workflows.Testing;

namespace Workflows.Application.Tests.Notifications;

/// <summary>The mail ledger's promises across runs of one activity (a duplicated activity message runs twice).</summary>
public sealed class OnceMailerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(60));

    [Fact]
    public async Task A_providers_Retry_After_holds_for_every_run_not_only_the_one_that_was_told()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Script(FakeAnswer.TooManyRequests, retryAfterSeconds: 3);
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid, _ct);
        var once = harness.App.Services.GetRequiredService<OnceMailer>();
        var mail = new OutgoingMail(
            NotificationHarness.EmailOf(NotificationHarness.Coordinator), "Onderwerp", "Tekst", "<p>Tekst</p>", "act-1.coord-a",
            new Dictionary<string, string> { [MailTags.Template] = "reminder" });

        var told = await once.SendAsync("sent-act-1", NotificationHarness.Coordinator, mail, "act-1", 1, null, _ct);
        var duplicate = await once.SendAsync("sent-act-1", NotificationHarness.Coordinator, mail, "act-1", 1, null, _ct);

        Assert.Equal(SendStatus.Deferred, told.Status);
        Assert.Equal(SendStatus.Deferred, duplicate.Status);
        Assert.InRange(duplicate.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        Assert.Single(sendGrid.Attempts);

        await Task.Delay(duplicate.RetryAfter.Value + TimeSpan.FromMilliseconds(250), TimeProvider.System, _ct);
        var later = await once.SendAsync("sent-act-1", NotificationHarness.Coordinator, mail, "act-1", 2, null, _ct);
        var again = await once.SendAsync("sent-act-1", NotificationHarness.Coordinator, mail, "act-1", 2, null, _ct);

        Assert.Equal(SendStatus.Sent, later.Status);
        Assert.Equal(SendStatus.Sent, again.Status);
        Assert.Equal(later.MessageId, again.MessageId);
        Assert.Equal([FakeAnswer.TooManyRequests, FakeAnswer.Accept], sendGrid.Attempts.Select(a => a.Answer));
    }
}
