using System.Net.Http.Headers;
using System.Text;
using Workflows.Application.Tests.Signals;

namespace Workflows.Application.Tests.Support;

/// <summary>
/// A JSON batch sent in two parts: signals enough to fill the test server's request pipe (64 KB), so
/// <see cref="Reading"/> completes only once the endpoint reads the body (and so holds its batch permit), and the
/// closing brackets when <see cref="Release"/> is called. Send it with a client without the test factory's redirect
/// handler, which reads a request body whole before it sends any of it.
/// </summary>
internal sealed class HeldBatch : HttpContent
{
    private const int FillBytes = 160 * 1024;

    private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _signals;

    private HeldBatch(string signals, int count)
    {
        _signals = signals;
        Count = count;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    public int Count { get; }

    public Task Reading => _reading.Task;

    public static HeldBatch Of(string prefix, int houseNumbersFrom)
    {
        var signals = new StringBuilder();
        var count = 0;
        while (signals.Length < FillBytes)
        {
            signals.Append(count == 0 ? string.Empty : ",").Append(SignalSamples.Signal($"{prefix}-{count}", houseNumber: houseNumbersFrom + count).ToJsonString());
            count++;
        }

        return new HeldBatch(signals.ToString(), count);
    }

    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes("{\"signals\":[" + _signals));
        await stream.FlushAsync();
        _reading.TrySetResult();
        await _release.Task;
        await stream.WriteAsync(Encoding.UTF8.GetBytes("]}"));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
