using System.Text.Json;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.OpenApi;

/// <summary>
/// The served document is usable as integrators use it: a C# client generated from it (NSwag) sends a signal, reads its
/// status and posts an update against the real app, with the corporation's key in <c>X-Api-Key</c> as the document's
/// security scheme says.
/// </summary>
public sealed class GeneratedClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task Client_generated_from_the_document_sends_a_signal_reads_its_status_and_posts_an_update()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var corporation = await app.CreateClientForAsync(TestCallers.CorporationA, _ct);
        var client = await GeneratedClient.CreateAsync(await ServedOpenApi.FetchAsync(app, _ct), corporation, _ct);

        var created = await client.CallAsync("CreateSignal", _ct, client.Model("SignalRequest", SignalSamples.Signal("GEN-1").ToJsonString()));
        var id = created.GetProperty("id").GetString()!;
        var status = await client.CallAsync("GetSignal", _ct, id);
        var updated = await client.CallAsync("UpdateSignal", _ct, id, client.Model("SignalUpdateRequest", """{ "type": "payment-plan-agreed", "note": "12 termijnen." }"""));

        Assert.Equal("received", created.GetProperty("status").GetString());
        Assert.Equal("GEN-1", created.GetProperty("externalReference").GetString());
        Assert.Equal(id, status.GetProperty("id").GetString());
        Assert.Equal("received", status.GetProperty("status").GetString());
        Assert.Equal(id, updated.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.String, updated.GetProperty("status").ValueKind);
    }
}
