using Microsoft.Extensions.Logging;

namespace Workflows.Benchmarks;

/// <summary>
/// Shows the engine's warnings and errors on stderr and counts them, so a figure taken while the engine
/// was failing and retrying is recognisable as such.
/// </summary>
internal sealed class WarningLog : ILoggerFactory
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(WarningLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            Interlocked.Increment(ref owner._count);
            var text = $"[engine {logLevel}] {category}: {formatter(state, exception)}";
            if (exception is not null)
            {
                text += $" ({exception.GetType().Name}: {exception.Message})";
            }

            Console.Error.WriteLine(text);
        }
    }
}
