using System.Text;
using Workflows.Application.Api;
using Workflows.Testing;

namespace Workflows.Application.Tests.Api;

/// <summary>The bulk-body readers: spooling with UTF-8 checks, the JSON array stream and the CSV record reader.</summary>
public sealed class StreamingReadersTests
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task Json_array_elements_stream_one_by_one_even_when_the_body_arrives_a_byte_at_a_time()
    {
        var json = """ { "signals" : [ {"a":1}, {"b":[1,2,{"c":"}]"}]}, 3, "x", {"d":"ü€𝄞"} ] } """;
        var stream = new JsonArrayStream(new TrickleStream(Encoding.UTF8.GetBytes(json)), "signals", 1024);

        var raw = new List<string>();
        while (await stream.NextAsync(parse: true, _ct) is { } element)
        {
            using (element)
            {
                Assert.Equal(raw.Count, element.Index);
                raw.Add(element.Document!.RootElement.GetRawText());
            }
        }

        Assert.Equal(["""{"a":1}""", """{"b":[1,2,{"c":"}]"}]}""", "3", "\"x\"", """{"d":"ü€𝄞"}"""], raw);
    }

    [Theory]
    [InlineData("""[]""", "$")]
    [InlineData("""{}""", "signals")]
    [InlineData("""{"signals":{}}""", "signals")]
    [InlineData("""{"signals":[],"signals":[]}""", "signals")]
    [InlineData("""{"other":[]}""", "other")]
    [InlineData("""{"signals":[{"a":1},]}""", "$")]
    [InlineData("""{"signals":[{"a":1}]""", "$")]
    [InlineData("""{"signals":[]} {}""", "$")]
    [InlineData("""{"signals":[{"a":1}]} // done""", "$")]
    public async Task A_bad_envelope_is_a_body_format_error_naming_where(string json, string path)
    {
        var stream = new JsonArrayStream(new MemoryStream(Encoding.UTF8.GetBytes(json)), "signals", 1024);

        var error = await Assert.ThrowsAsync<BodyFormatException>(async () =>
        {
            while (await stream.NextAsync(parse: false, _ct) is not null)
            {
            }
        });

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public async Task An_element_over_the_size_limit_is_refused_with_its_index()
    {
        var json = $$"""{"signals":[{"a":1},{"big":"{{new string('x', 5000)}}"}]}""";
        var stream = new JsonArrayStream(new MemoryStream(Encoding.UTF8.GetBytes(json)), "signals", 1024);

        Assert.NotNull(await stream.NextAsync(parse: false, _ct));
        var error = await Assert.ThrowsAsync<BodyFormatException>(async () => await stream.NextAsync(parse: false, _ct));

        Assert.Equal("signals[1]", error.Path);
    }

    [Fact]
    public async Task Spooling_finds_invalid_utf8_even_across_chunk_boundaries_and_reports_the_byte()
    {
        // 64 KiB of ASCII, then a three-byte sequence cut after its first byte by the chunk boundary and broken.
        var bytes = Enumerable.Repeat((byte)'a', 64 * 1024 - 1).Concat(new byte[] { 0xE2, 0x28, 0xA1 }).ToArray();

        var error = await Assert.ThrowsAsync<SpoolException>(() => SpooledBody.SpoolAsync(new MemoryStream(bytes), 1 << 20, 1024, _ct));

        Assert.Equal(SpoolFailure.NotUtf8, error.Failure);
        Assert.Equal(64 * 1024 - 1, error.Offset);
    }

    [Fact]
    public async Task Spooling_keeps_valid_multibyte_text_split_over_chunks_and_skips_a_byte_order_mark()
    {
        var text = new string('a', 64 * 1024 - 2) + "€𝄞ü" + new string('b', 100_000);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        await using var body = await SpooledBody.SpoolAsync(new TrickleStream(bytes, 1000), 1 << 20, 1024, _ct);
        using var reader = new StreamReader(body.Content, leaveOpen: true);

        Assert.Equal(text, await reader.ReadToEndAsync(_ct));
        body.Rewind();
        Assert.Equal('a', (char)body.Content.ReadByte());
    }

    [Fact]
    public async Task Spooling_stops_at_the_size_limit()
    {
        var error = await Assert.ThrowsAsync<SpoolException>(() => SpooledBody.SpoolAsync(new MemoryStream(new byte[300_000]), 200_000, 1024, _ct));

        Assert.Equal(SpoolFailure.TooLarge, error.Failure);
    }

    [Fact]
    public async Task Csv_records_follow_RFC_4180()
    {
        var csv = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,,3\r\nlast,row,no-newline";
        var reader = new CsvRecordReader(new StringReader(csv), ',', 100, 10);

        var records = new List<CsvRecord>();
        while (await reader.ReadAsync(_ct) is { } record)
        {
            records.Add(record);
        }

        Assert.Equal(4, records.Count);
        Assert.Equal(["a", "b", "c"], records[0].Values);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], records[1].Values);
        Assert.Equal(["1", "", "3"], records[2].Values);
        Assert.Equal(5, records[2].Line);
        Assert.Equal(["last", "row", "no-newline"], records[3].Values);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Theory]
    [InlineData("a,b\"c,d", "quote")]
    [InlineData("\"a\"b,c", "closing quote")]
    [InlineData("abcdefghijk,b", "longer than 10")]
    [InlineData("1,2,3,4,5,6", "more than 5")]
    public async Task A_malformed_record_carries_its_error_and_the_next_one_still_reads(string line, string error)
    {
        var reader = new CsvRecordReader(new StringReader(line + "\nok,fine\n"), ',', 10, 5);

        var bad = await reader.ReadAsync(_ct);
        var next = await reader.ReadAsync(_ct);

        Assert.Contains(error, bad!.Error, StringComparison.Ordinal);
        Assert.Equal(["ok", "fine"], next!.Values);
        Assert.Null(next.Error);
    }

    [Fact]
    public async Task A_quote_left_open_at_the_end_makes_the_body_unreadable()
    {
        var reader = new CsvRecordReader(new StringReader("a,b\n\"open,c\nd,e\n"), ',', 100, 10);

        Assert.NotNull(await reader.ReadAsync(_ct));
        var error = await Assert.ThrowsAsync<BodyFormatException>(async () => await reader.ReadAsync(_ct));

        Assert.Equal("line 2", error.Path);
    }

    [Theory]
    [InlineData("a,b,c", ',')]
    [InlineData("a;b;c", ';')]
    [InlineData("a;b,c", ',')]
    public void The_delimiter_is_sniffed_from_the_header(string header, char delimiter) =>
        Assert.Equal(delimiter, CsvRecordReader.DetectDelimiter(header));

    /// <summary>Returns at most <c>chunk</c> bytes per read, as a slow network would.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk = 1) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
