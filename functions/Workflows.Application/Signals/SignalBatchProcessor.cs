using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.Options;
using Workflows.Domain.Signals;
using Workflows.Application.Api;
using Workflows.Application.Auth;
using Workflows.Application.Policy;

namespace Workflows.Application.Signals;

/// <summary>
/// Bulk intake (API.md <c>POST /api/v1/signals/batch</c>). The spooled body is read twice: first to check
/// its structure and count the signals (a body refused as a whole, or with more than
/// <see cref="SignalsOptions.MaxBatchSignals"/>, stores nothing), then signal by signal, each judged on its
/// own. Valid signals start with bounded parallelism (<see cref="SignalsOptions.BatchConcurrency"/>), except
/// that signals of one household go one after another, so a later one merges into the case the earlier one
/// opened. The runtime writes a new case's household row a moment after its start, so a later signal of the
/// household is taken into the case its earlier one opened (or was taken into) as the batch knows it, without
/// waiting for that row. A reference repeated within the batch is a duplicate of its first occurrence.
/// </summary>
internal sealed class SignalBatchProcessor(
    SignalReceiver receiver, CasePolicy policy, TimeProvider clock, IOptions<SignalsOptions> options, ILogger<SignalBatchProcessor> logger)
{
    /// <summary>Largest single JSON signal; a household's signal is a few kilobytes.</summary>
    public const int MaxSignalBytes = 1024 * 1024;

    /// <summary>Processes the batch; throws <see cref="BodyFormatException"/> or <see cref="TooManySignalsException"/> before storing anything.</summary>
    public async Task<IReadOnlyList<SignalBatchResult>> ProcessAsync(Caller caller, SpooledBody body, string mediaType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(body);
        var csv = mediaType == MediaType.Csv;
        var limit = options.Value.MaxBatchSignals;
        var count = 0;
        await foreach (var _ in ReadAsync(body, csv, parse: false, cancellationToken))
        {
            if (++count > limit)
            {
                throw new TooManySignalsException(limit);
            }
        }

        body.Rewind();
        var watch = Stopwatch.StartNew();
        var results = new SignalBatchResult[count];
        var today = IsoDate.Today(clock);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var households = new Dictionary<string, Task<string?>>(StringComparer.Ordinal);
        var running = new List<Task>();
        using var gate = new SemaphoreSlim(options.Value.BatchConcurrency);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await foreach (var row in ReadAsync(body, csv, parse: true, cancellationToken))
            {
                var signal = SignalValidator.Validate(row.Draft, row.Errors, today, policy);
                if (signal is not null && !caller.Municipalities.Contains(signal.Municipality))
                {
                    row.Errors.Add("municipalityCode", $"This corporation may not signal to {signal.Municipality}.");
                    signal = null;
                }

                if (signal is null)
                {
                    var reference = row.Draft?.ExternalReference is { } given && !row.Errors.Has("externalReference") ? given : null;
                    results[row.Index] = new SignalBatchResult(row.Index, reference, SignalBatchResult.Invalid, null, row.Errors.ToDictionary(), row.Line);
                    continue;
                }

                var id = SignalIds.For(caller.Id, signal.ExternalReference);
                if (!seen.Add(signal.ExternalReference))
                {
                    results[row.Index] = new SignalBatchResult(row.Index, signal.ExternalReference, SignalBatchResult.Duplicate, id, null, row.Line);
                    continue;
                }

                await gate.WaitAsync(failed.Token);
                var household = $"{signal.Municipality}|{Household.Key(signal.Address)}";
                households.TryGetValue(household, out var before);
                var task = StartAsync(before, signal, row, results, caller.Id, gate, failed);
                households[household] = task;
                running.Add(task);
            }
        }
        catch (Exception)
        {
            // Never answer while starts still run; when one of them failed, that failure is the answer.
            await failed.CancelAsync();
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (running.FirstOrDefault(t => t.IsFaulted)?.Exception?.InnerException is { } first && !cancellationToken.IsCancellationRequested)
            {
                ExceptionDispatchInfo.Throw(first);
            }

            throw;
        }

        await Task.WhenAll(running);
        logger.BatchProcessed(
            caller.Id,
            results.Count(r => r.Outcome == SignalBatchResult.Created),
            results.Count(r => r.Outcome == SignalBatchResult.Duplicate),
            results.Count(r => r.Outcome == SignalBatchResult.Invalid),
            count,
            watch.ElapsedMilliseconds);
        return results;
    }

    /// <summary>Starts one signal after its household's earlier one; answers the household's open case it is now in (null: not known).</summary>
    private async Task<string?> StartAsync(
        Task<string?>? before, ValidSignal signal, BatchRow row, SignalBatchResult[] results, string corporationId, SemaphoreSlim gate, CancellationTokenSource failed)
    {
        try
        {
            string? openInBatch = null;
            if (before is not null)
            {
                // The household's earlier signal first (this one may merge into its case); started by this batch, no context to deadlock.
#pragma warning disable VSTHRD003
                openInBatch = await before;
#pragma warning restore VSTHRD003
            }

            var received = await receiver.ReceiveAsync(corporationId, signal, openInBatch, waitUntilFindable: false, failed.Token);
            results[row.Index] = new SignalBatchResult(
                row.Index, signal.ExternalReference, received.Created ? SignalBatchResult.Created : SignalBatchResult.Duplicate, received.Id, null, row.Line);
            return received.HouseholdCase ?? openInBatch;
        }
        catch (Exception)
        {
            await failed.CancelAsync();
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    private static async IAsyncEnumerable<BatchRow> ReadAsync(
        SpooledBody body, bool csv, bool parse, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (csv)
        {
            using var text = new StreamReader(body.Content, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            if (await SignalCsv.OpenAsync(text, cancellationToken) is not var (layout, rows))
            {
                yield break;
            }

            var index = 0;
            while (await rows.ReadAsync(cancellationToken) is { } record)
            {
                var errors = new ValidationErrors(SignalCsv.ColumnFor);
                var draft = parse ? layout.Read(record, errors) : null;
                yield return new BatchRow(index++, record.Line, draft, errors);
            }

            yield break;
        }

        var stream = new JsonArrayStream(body.Content, "signals", MaxSignalBytes);
        while (await stream.NextAsync(parse, cancellationToken) is { } element)
        {
            using (element)
            {
                var errors = new ValidationErrors();
                var draft = element.Document is { } document ? SignalJsonReader.Read(document.RootElement, errors) : null;
                yield return new BatchRow(element.Index, null, draft, errors);
            }
        }
    }

    private sealed record BatchRow(int Index, int? Line, SignalDraft? Draft, ValidationErrors Errors);
}

/// <summary>The batch holds more signals than one request may (413; nothing stored).</summary>
internal sealed class TooManySignalsException(int limit) : Exception($"A batch holds at most {limit} signals; send the rest in another request.")
{
    public int Limit { get; } = limit;
}
