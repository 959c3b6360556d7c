using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Workflows.Orchestrations.Storage;

/// <summary>
/// Counts every HTTP request the Azure SDK sends to Storage (retries included), so the cost of a
/// transition and of an idle minute can be measured. Exposed as the metric <c>workflows.storage.requests</c>
/// (tags: service, method) and as <see cref="Total"/>.
/// </summary>
public sealed class StorageRequestCounter : IDisposable
{
    private readonly Meter _meter = new("Workflows.Engine");
    private readonly Counter<long> _counter;
    private long _total;

    public StorageRequestCounter() =>
        _counter = _meter.CreateCounter<long>("workflows.storage.requests", description: "HTTP requests sent to Azure Storage");

    /// <summary>Requests sent since start.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _meter.Dispose();

    /// <summary>The pipeline policy to add to a client of <paramref name="service"/> ("table" or "queue").</summary>
    public HttpPipelinePolicy PolicyFor(string service) => new CountingPolicy(this, service);

    private void Count(string service, string method)
    {
        Interlocked.Increment(ref _total);
        _counter.Add(1, new KeyValuePair<string, object?>("service", service), new KeyValuePair<string, object?>("method", method));
    }

    private sealed class CountingPolicy(StorageRequestCounter owner, string service) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            owner.Count(service, message.Request.Method.Method);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            owner.Count(service, message.Request.Method.Method);
            return ProcessNextAsync(message, pipeline);
        }
    }
}
