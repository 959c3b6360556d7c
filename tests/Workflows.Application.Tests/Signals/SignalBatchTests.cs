using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Signals;

/// <summary>Bulk intake as JSON and CSV (API.md <c>POST /api/v1/signals/batch</c>); a large batch is <see cref="SignalBulkIntakeTests"/>.</summary>
public sealed class SignalBatchTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task Json_batch_creates_every_signal_and_a_resubmission_is_all_duplicates_with_the_same_ids()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        var batch = SignalSamples.Batch(Enumerable.Range(1, 5).Select(i => (JsonNode)SignalSamples.Signal($"B-{i}", houseNumber: i)));

        var first = await SignalsTestApp.PostBatchAsync(corp, SignalsTestApp.Json(batch), _ct);
        var again = await SignalsTestApp.PostBatchAsync(corp, SignalsTestApp.Json(batch), _ct);

        Assert.Equal(Enumerable.Range(0, 5), first.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(first, r => Assert.Equal("created", r.GetProperty("outcome").GetString()));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"B-{i}"), first.Select(r => r.GetProperty("externalReference").GetString()));
        Assert.All(again, r => Assert.Equal("duplicate", r.GetProperty("outcome").GetString()));
        Assert.Equal(first.Select(r => r.GetProperty("id").GetString()), again.Select(r => r.GetProperty("id").GetString()));

        // The batch and the single route agree on ids.
        using var single = await corp.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(SignalSamples.Signal("B-3", houseNumber: 3)), _ct);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal(first[2].GetProperty("id").GetString(), JsonDocument.Parse(await single.Content.ReadAsStringAsync(_ct)).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Csv_with_mixed_rows_takes_the_valid_ones_and_names_the_columns_of_the_invalid_ones()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationB, _ct);
        var csv = SignalSamples.Csv(
        [
            SignalSamples.CsvRow("C-1", 1),
            SignalSamples.CsvRow("C-2", 2, postalCode: "0123AB"),
            SignalSamples.CsvRow("C-3", 3, amount: "-10"),
            SignalSamples.CsvRow("C-4", 4, attested: "false"),
            "C-5,GM0479,too,few,values",
            SignalSamples.CsvRow("C-1", 6),
            SignalSamples.CsvRow("C-7", 7, municipality: "GM0439").Replace("Zaandam", "\"Purmerend, centrum\"", StringComparison.Ordinal),
            SignalSamples.CsvRow("C-8", 8, surname: ""),
        ]);

        var results = await SignalsTestApp.PostBatchAsync(corp, new StringContent(csv, Encoding.UTF8, "text/csv"), _ct);

        Assert.Equal(8, results.Count);
        Assert.Equal(["created", "invalid", "invalid", "invalid", "invalid", "duplicate", "created", "invalid"], results.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], results.Select(r => r.GetProperty("line").GetInt32()));
        Assert.True(Errors(results[1]).ContainsKey("postalCode"));
        Assert.True(Errors(results[2]).ContainsKey("arrearsAmount"));
        Assert.Contains("Besluit gemeentelijke schuldhulpverlening art. 2", Errors(results[3])["personalContactAttempted"][0], StringComparison.Ordinal);
        Assert.True(Errors(results[4]).ContainsKey("row"));
        Assert.Equal(results[0].GetProperty("id").GetString(), results[5].GetProperty("id").GetString());
        Assert.True(Errors(results[7]).ContainsKey("surname"));
        Assert.Equal("C-2", results[1].GetProperty("externalReference").GetString());
        Assert.False(results[1].TryGetProperty("id", out _));

        using var staff = app.Staff(TestCallers.CoordinatorPurmerend);
        var purmerend = await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(results[6].GetProperty("id").GetString()!), _ct);
        Assert.Equal("Purmerend, centrum", purmerend.GetProperty("address").GetProperty("city").GetString());
        Assert.Equal(2, await app.StoredInstancesAsync(_ct));
    }

    [Fact]
    public async Task Csv_from_a_Dutch_spreadsheet_with_semicolons_decimal_commas_and_a_byte_order_mark_is_read()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        var csv = SignalSamples.Csv([SignalSamples.CsvRow("NL-1", 1, amount: "1450,50")]).Replace(',', ';').Replace("1450;50", "1450,50", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("text/csv") { CharSet = "utf-8" };

        var results = await SignalsTestApp.PostBatchAsync(corp, content, _ct);

        var result = Assert.Single(results);
        Assert.Equal("created", result.GetProperty("outcome").GetString());
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var view = await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(result.GetProperty("id").GetString()!), _ct);
        Assert.Equal(1450.50m, view.GetProperty("arrears").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Signals_of_one_household_in_a_batch_go_in_order_so_later_ones_merge_into_the_first()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        // Households 1..20, and household 5 three times among them.
        var signals = Enumerable.Range(1, 20).Select(i => (JsonNode)SignalSamples.Signal($"H-{i}", houseNumber: i)).ToList();
        signals.Insert(10, SignalSamples.Signal("H-5b", houseNumber: 5));
        signals.Add(SignalSamples.Signal("H-5c", houseNumber: 5));

        var results = await SignalsTestApp.PostBatchAsync(corp, SignalsTestApp.Json(SignalSamples.Batch(signals)), _ct);

        Assert.All(results, r => Assert.Equal("created", r.GetProperty("outcome").GetString()));
        var id5 = results[4].GetProperty("id").GetString()!;
        // A liveness wait: each merge is a message between two cases, a few queue round trips on a loaded machine.
        await Eventually.TrueAsync(
            async () => (await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(id5), _ct)).GetProperty("absorbedSignals").GetArrayLength() == 2,
            TimeSpan.FromSeconds(60), cancellationToken: _ct);
        var household = await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(id5), _ct);
        Assert.Equal(["H-5b", "H-5c"], household.GetProperty("absorbedSignals").EnumerateArray().Select(a => a.GetProperty("externalReference").GetString()).Order());
        foreach (var merged in new[] { results[10], results[21] })
        {
            var view = await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(merged.GetProperty("id").GetString()!), _ct);
            Assert.Equal(id5, view.GetProperty("mergedInto").GetString());
        }
    }

    [Fact]
    public async Task More_signals_than_a_batch_takes_is_413_and_stores_nothing()
    {
        await using var app = new SignalsTestApp(azurite);
        app.Factory.Settings["Signals:MaxBatchSignals"] = "3";
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);

        using var json = await corp.PostAsync(
            SignalsTestApp.Batch, SignalsTestApp.Json(SignalSamples.Batch(Enumerable.Range(1, 4).Select(i => (JsonNode)SignalSamples.Signal($"T-{i}", houseNumber: i)))), _ct);
        using var csv = await corp.PostAsync(
            SignalsTestApp.Batch, new StringContent(SignalSamples.Csv(Enumerable.Range(1, 4).Select(i => SignalSamples.CsvRow($"T-{i}", i))), Encoding.UTF8, "text/csv"), _ct);

        var problem = await json.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("signals", out _));
        await csv.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, _ct);
        Assert.Equal(0, await app.StoredAsync(_ct));
    }

    [Fact]
    public async Task A_body_over_the_batch_size_limit_is_413()
    {
        await using var app = new SignalsTestApp(azurite);
        app.Factory.Settings["Signals:MaxBatchBytes"] = "2048";
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        var body = SignalSamples.Csv(Enumerable.Range(1, 30).Select(i => SignalSamples.CsvRow($"S-{i}", i)));

        // Chunked (no Content-Length): the route reads, counts and stops at the limit.
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("text/csv");
        using var response = await corp.PostAsync(SignalsTestApp.Batch, content, _ct);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, _ct);
        Assert.Equal(0, await app.StoredAsync(_ct));
    }

    [Theory]
    [InlineData("json-truncated-at-the-end", "application/json", "$")]
    [InlineData("json-trailing-garbage", "application/json", "$")]
    [InlineData("json-unknown-envelope-member", "application/json", "extra")]
    [InlineData("json-signals-not-an-array", "application/json", "signals")]
    [InlineData("json-signals-twice", "application/json", "signals")]
    [InlineData("json-invalid-utf8", "application/json", "$")]
    [InlineData("csv-unknown-column", "text/csv", "header")]
    [InlineData("csv-missing-column", "text/csv", "header")]
    [InlineData("csv-unclosed-quote", "text/csv", "line 3")]
    [InlineData("csv-invalid-utf8", "text/csv", "$")]
    public async Task A_body_that_cannot_be_read_as_a_whole_is_400_and_stores_nothing_not_even_its_valid_rows(string name, string mediaType, string field)
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var content = new ByteArrayContent(Unreadable(name));
        content.Headers.ContentType = new(mediaType);

        using var response = await corp.PostAsync(SignalsTestApp.Batch, content, _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await app.StoredAsync(_ct));
    }

    [Fact]
    public async Task Invalid_elements_of_a_json_batch_are_reported_per_element_with_json_paths()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        var wrongType = SignalSamples.Signal("J-2", houseNumber: 2);
        wrongType["address"]!["houseNumber"] = "2";
        var forbidden = SignalSamples.Signal("J-3", municipality: "GM0439", houseNumber: 3);
        var batch = new JsonObject { ["signals"] = new JsonArray(SignalSamples.Signal("J-1", houseNumber: 1), wrongType, forbidden, 42, JsonValue.Create("x")) };

        var results = await SignalsTestApp.PostBatchAsync(corp, SignalsTestApp.Json(batch), _ct);

        Assert.Equal(["created", "invalid", "invalid", "invalid", "invalid"], results.Select(r => r.GetProperty("outcome").GetString()));
        Assert.True(Errors(results[1]).ContainsKey("address.houseNumber"));
        Assert.Contains("GM0439", Errors(results[2])["municipalityCode"][0], StringComparison.Ordinal);
        Assert.True(Errors(results[3]).ContainsKey("$"));
        Assert.Equal(1, await app.StoredInstancesAsync(_ct));
    }

    [Fact]
    public async Task An_empty_batch_is_200_with_no_results()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);

        Assert.Empty(await SignalsTestApp.PostBatchAsync(corp, SignalsTestApp.Json("""{"signals":[]}"""), _ct));
        Assert.Empty(await SignalsTestApp.PostBatchAsync(corp, new StringContent(SignalSamples.CsvHeader + "\r\n", Encoding.UTF8, "text/csv"), _ct));
    }

    private static Dictionary<string, string[]> Errors(JsonElement result) =>
        result.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());

    private static byte[] Unreadable(string name)
    {
        var valid = SignalSamples.Signal("U-1").ToJsonString();
        var row = SignalSamples.CsvRow("U-1", 1);
        return name switch
        {
            "json-truncated-at-the-end" => Encoding.UTF8.GetBytes($"{{\"signals\":[{valid},{valid[..40]}"),
            "json-trailing-garbage" => Encoding.UTF8.GetBytes($"{{\"signals\":[{valid}]}} x"),
            "json-unknown-envelope-member" => Encoding.UTF8.GetBytes($"{{\"signals\":[{valid}],\"extra\":1}}"),
            "json-signals-not-an-array" => Encoding.UTF8.GetBytes($"{{\"signals\":{valid}}}"),
            "json-signals-twice" => Encoding.UTF8.GetBytes($"{{\"signals\":[{valid}],\"signals\":[]}}"),
            "json-invalid-utf8" => [.. Encoding.UTF8.GetBytes($"{{\"signals\":[{valid},"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("]}")],
            "csv-unknown-column" => Encoding.UTF8.GetBytes(SignalSamples.Csv([row]).Replace("externalReference,", "externalReference,bsn,", StringComparison.Ordinal)),
            "csv-missing-column" => Encoding.UTF8.GetBytes(SignalSamples.Csv([row]).Replace(",monthlyRent", string.Empty, StringComparison.Ordinal)),
            "csv-unclosed-quote" => Encoding.UTF8.GetBytes(SignalSamples.Csv([row, "\"U-2,GM0479"])),
            "csv-invalid-utf8" => [.. Encoding.UTF8.GetBytes(SignalSamples.Csv([row])), 0xFF, .. Encoding.UTF8.GetBytes(row)],
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
