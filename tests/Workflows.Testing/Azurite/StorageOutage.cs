using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Workflows.Testing;

/// <summary>
/// An injected storage outage: a TCP proxy in front of an <see cref="AzuriteFixture"/>'s three ports. An app given
/// <see cref="ConnectionString"/> reaches Azurite through it until <see cref="Cut"/>: from then on every connection,
/// open or new, is reset (what a client sees when storage is unreachable), while Azurite keeps its data in memory, so
/// <see cref="Restore"/> brings the same account back. <see cref="CutAt"/> cuts storage off just as a given request
/// goes out, so a test can make storage go away in the middle of a request without racing it.
/// </summary>
public sealed partial class StorageOutage : IAsyncDisposable
{
    private readonly List<Port> _ports = [];
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Held while a client's bytes are checked and forwarded, and by <see cref="Cut"/>: no request that started after the
    /// cut, nor one racing the trigger on another connection, reaches storage.
    /// </summary>
    private readonly SemaphoreSlim _forwarding = new(1, 1);
    private volatile bool _cut;
    private Trigger? _trigger;

    /// <summary>Whether storage is cut off now.</summary>
    public bool IsCut => _cut;

    /// <summary>Requests whose request line matched the <see cref="CutAt"/> trigger so far.</summary>
    public int Matched => _trigger?.Count ?? 0;

    /// <summary>Azurite's account, through the proxy's ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_ports[0].Local}/{AzuriteFixture.AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{_ports[1].Local}/{AzuriteFixture.AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{_ports[2].Local}/{AzuriteFixture.AccountName};";

    /// <summary>Starts forwarding to <paramref name="azurite"/>'s blob, queue and table ports.</summary>
    public static StorageOutage Start(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var outage = new StorageOutage();
        foreach (var target in new[] { azurite.BlobPort, azurite.QueuePort, azurite.TablePort })
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = new Port(listener, target);
            outage._ports.Add(port);
            _ = outage.AcceptAsync(port);
        }

        return outage;
    }

    /// <summary>Storage goes away now: every open connection is reset, and so is every new one until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _forwarding.Wait();
        try
        {
            CutNow();
        }
        finally
        {
            _forwarding.Release();
        }
    }

    private void CutNow()
    {
        _cut = true;
        foreach (var connection in _connections.Keys)
        {
            connection.Reset();
        }
    }

    /// <summary>Storage is back (the same account and data).</summary>
    public void Restore()
    {
        _trigger = null;
        _cut = false;
    }

    /// <summary>
    /// Cuts storage off when the <paramref name="occurrence"/>-th request whose request line (e.g.
    /// <c>POST /devstoreaccount1/hub-control-00/messages HTTP/1.1</c>) matches <paramref name="requestLine"/> is about
    /// to be forwarded: that request never reaches storage, nor does anything after it.
    /// </summary>
    public void CutAt(Regex requestLine, int occurrence)
    {
        ArgumentNullException.ThrowIfNull(requestLine);
        ArgumentOutOfRangeException.ThrowIfLessThan(occurrence, 1);
        _trigger = new Trigger(requestLine, occurrence);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var port in _ports)
        {
            port.Listener.Stop();
        }

        foreach (var connection in _connections.Keys)
        {
            connection.Reset();
        }

        _stopping.Dispose();
        _forwarding.Dispose();
    }

    private async Task AcceptAsync(Port port)
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await port.Listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client, port.Target);
        }
    }

    private async Task ServeAsync(TcpClient client, int target)
    {
        var connection = new Connection(client);
        _connections[connection] = 0;
        try
        {
            if (_cut)
            {
                return;
            }

            await connection.Upstream.ConnectAsync(IPAddress.Loopback, target, _stopping.Token);
            var up = PumpAsync(connection, client.GetStream(), connection.Upstream.GetStream(), inspect: true);
            var down = PumpAsync(connection, connection.Upstream.GetStream(), client.GetStream(), inspect: false);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ends; the client sees a reset or a close, as from storage that went away.
        }
        finally
        {
            connection.Reset();
            _connections.TryRemove(connection, out _);
        }
    }

    private async Task PumpAsync(Connection connection, NetworkStream from, NetworkStream to, bool inspect)
    {
        var buffer = new byte[64 * 1024];
        var lines = new StringBuilder();
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stopping.Token);
            if (read == 0 || _cut)
            {
                return;
            }

            if (!inspect)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
                continue;
            }

            await _forwarding.WaitAsync(_stopping.Token);
            try
            {
                if (_cut)
                {
                    return;
                }

                if (_trigger is { } trigger && trigger.Fires(lines, buffer.AsSpan(0, read)))
                {
                    CutNow();
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            }
            finally
            {
                _forwarding.Release();
            }
        }
    }

    private sealed record Port(TcpListener Listener, int Target)
    {
        public int Local => ((IPEndPoint)Listener.LocalEndpoint).Port;
    }

    /// <summary>One client connection and its connection to Azurite.</summary>
    private sealed class Connection(TcpClient client)
    {
        public TcpClient Upstream { get; } = new();

        /// <summary>Closes both sides with a reset (linger 0), not a graceful close: the client's request fails at once.</summary>
        public void Reset()
        {
            foreach (var socket in new[] { client.Client, Upstream.Client })
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    // Already closed.
                }
            }
        }
    }

    /// <summary>Counts request lines as they pass (HTTP/1.1, as the Azure SDK speaks to a plain-HTTP endpoint).</summary>
    private sealed partial class Trigger(Regex match, int occurrence)
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        /// <summary>
        /// Whether this chunk holds the request line that cuts storage off; <paramref name="lines"/> carries a line split
        /// across chunks. On a kept-alive connection a request line follows the previous request's body with no line
        /// break before it, so request lines are found anywhere in the text, not only at the start of a line.
        /// </summary>
        public bool Fires(StringBuilder lines, ReadOnlySpan<byte> chunk)
        {
            lines.Append(Encoding.Latin1.GetString(chunk));
            var text = lines.ToString();
            var end = text.LastIndexOf("\r\n", StringComparison.Ordinal);
            lines.Clear();
            if (end < 0)
            {
                // No line ends here: keep the end, where a request line may have begun (never more than a line's worth).
                lines.Append(text.Length > 8192 ? text[^8192..] : text);
                return false;
            }

            var tail = text[(end + 2)..];
            lines.Append(tail.Length > 8192 ? tail[^8192..] : tail);
            var fires = false;
            foreach (Match line in RequestLine().Matches(text[..(end + 2)]))
            {
                // From the occurrence on: a later match is cut off too, whatever connection it came on.
                if (match.IsMatch(line.Groups["line"].Value) && Interlocked.Increment(ref _count) >= occurrence)
                {
                    fires = true;
                }
            }

            return fires;
        }

        [GeneratedRegex(@"(?<line>(GET|HEAD|POST|PUT|MERGE|PATCH|DELETE|OPTIONS) /\S* HTTP/1\.1)\r\n")]
        private static partial Regex RequestLine();
    }
}
