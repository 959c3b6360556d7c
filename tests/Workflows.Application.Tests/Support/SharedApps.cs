using System.Collections.Concurrent;
using Workflows.Application.Tests.Signals;
using Workflows.Testing;

namespace Workflows.Application.Tests.Support;

/// <summary>
/// One Azurite and a few apps shared by the cases of a class whose requests are all refused (a class's tests run one
/// after another): <see cref="EmptyAsync"/>, where no case is ever stored, so "stores nothing" is a count of zero; and
/// <see cref="HoldingAsync"/>, an app holding one settled case, so "records nothing" is its row count unchanged.
/// Starting an app for each case cost 1 to 3 s a case, over a hundred cases; a refused request leaves the shared app as
/// it found it, and a case that did store something fails itself and every case after it.
/// </summary>
public sealed class SharedApps : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, (SignalsTestApp App, string Id)> _holding = new(StringComparer.Ordinal);
    private SignalsTestApp? _empty;

    public AzuriteFixture Azurite => _azurite;

    public Task InitializeAsync() => _azurite.InitializeAsync();

    /// <summary>An app in which no case is stored.</summary>
    public async Task<SignalsTestApp> EmptyAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _empty ??= Unlimited(new SignalsTestApp(_azurite));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The app named <paramref name="name"/>, holding the one case <paramref name="create"/> started in it (returning its
    /// id), settled: the runtime has written the start's history, so rows can be counted.
    /// </summary>
    public async Task<(SignalsTestApp App, string Id)> HoldingAsync(
        string name, Func<SignalsTestApp, CancellationToken, Task<string>> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_holding.TryGetValue(name, out var held))
            {
                var app = Unlimited(new SignalsTestApp(_azurite));
                var id = await create(app, cancellationToken);
                await app.Factory.SettleAsync(cancellationToken);
                held = _holding[name] = (app, id);
            }

            return held;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_empty is not null)
        {
            await _empty.DisposeAsync();
        }

        foreach (var (app, _) in _holding.Values)
        {
            await app.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        _gate.Dispose();
    }

    /// <summary>A hundred refused requests from one corporation in a row are this class's load, not a client's: no rate limit.</summary>
    private static SignalsTestApp Unlimited(SignalsTestApp app)
    {
        app.Factory.Settings["Api:CorporationLimits:Burst"] = "100000";
        app.Factory.Settings["Api:CorporationLimits:RequestsPerPeriod"] = "100000";
        return app;
    }
}
