using System.Text.Json;

namespace Workflows.Application.Api;

/// <summary>
/// Streams the elements of the one array member of a JSON envelope such as <c>{ "signals": [ … ] }</c>,
/// one element at a time, without holding more than one element (and a read buffer) in memory. The
/// envelope is strict: an object with exactly that member, an array, nothing after the object. A
/// problem with the envelope or the JSON syntax throws <see cref="BodyFormatException"/>; what is inside an
/// element is the caller's to judge. Elements larger than <c>maxElementBytes</c> are refused.
/// </summary>
public sealed class JsonArrayStream(Stream stream, string member, int maxElementBytes)
{
    private const int ChunkSize = 64 * 1024;

    private byte[] _buffer = new byte[ChunkSize];
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = JsonBody.MaxDepth });
    private Phase _phase = Phase.Start;
    private bool _sawMember;
    private int _index;

    private enum Phase
    {
        Start,
        Member,
        ArrayStart,
        Elements,
        Trailing,
    }

    private enum Step
    {
        NeedMore,
        Element,
        End,
    }

    /// <summary>
    /// The next element (parsed when <paramref name="parse"/>, else only checked and skipped, with a null
    /// document), or null after the last one.
    /// </summary>
    public async ValueTask<JsonArrayElement?> NextAsync(bool parse, CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (Advance(parse, out var element))
            {
                case Step.Element:
                    return element;
                case Step.End:
                    return null;
                default:
                    if (_final)
                    {
                        throw new BodyFormatException("$", "The JSON body ends too early.");
                    }

                    await FillAsync(cancellationToken);
                    break;
            }
        }
    }

    private Step Advance(bool parse, out JsonArrayElement? element)
    {
        element = null;
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            try
            {
                if (!reader.Read())
                {
                    if (_phase == Phase.Trailing && _final)
                    {
                        return Step.End;
                    }

                    return Step.NeedMore;
                }

                switch (_phase)
                {
                    case Phase.Start:
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw new BodyFormatException("$", $"Must be a JSON object with a \"{member}\" array.");
                        }

                        Commit(ref reader, Phase.Member);
                        break;

                    case Phase.Member when reader.TokenType == JsonTokenType.EndObject:
                        if (!_sawMember)
                        {
                            throw new BodyFormatException(member, FieldText.RequiredMessage);
                        }

                        Commit(ref reader, Phase.Trailing);
                        break;

                    case Phase.Member:
                        var name = reader.GetString();
                        if (name != member)
                        {
                            throw new BodyFormatException(name ?? "$", "Unknown property.");
                        }

                        if (_sawMember)
                        {
                            throw new BodyFormatException(member, "Given more than once.");
                        }

                        Commit(ref reader, Phase.ArrayStart);
                        break;

                    case Phase.ArrayStart:
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw new BodyFormatException(member, "Must be an array.");
                        }

                        _sawMember = true;
                        Commit(ref reader, Phase.Elements);
                        break;

                    case Phase.Elements when reader.TokenType == JsonTokenType.EndArray:
                        Commit(ref reader, Phase.Member);
                        break;

                    case Phase.Elements:
                        var probe = reader;
                        var complete = probe.TrySkip();
                        if ((complete ? probe.BytesConsumed : _end - _start) - reader.TokenStartIndex > maxElementBytes)
                        {
                            throw new BodyFormatException(ValidationErrors.Index(member, _index), $"An element is larger than {maxElementBytes} bytes.");
                        }

                        if (!complete)
                        {
                            return Step.NeedMore;
                        }

                        if (parse)
                        {
                            var document = JsonDocument.ParseValue(ref reader);
                            Commit(ref reader, Phase.Elements);
                            element = new JsonArrayElement(_index++, document);
                        }
                        else
                        {
                            Commit(ref probe, Phase.Elements);
                            element = new JsonArrayElement(_index++, null);
                        }

                        return Step.Element;

                    default:
                        throw new BodyFormatException("$", "Content follows the JSON body.");
                }
            }
            catch (JsonException e)
            {
                throw new BodyFormatException("$", JsonBody.NotJson(e));
            }
            catch (InvalidOperationException)
            {
                throw new BodyFormatException("$", "A property name is not valid Unicode text.");
            }
        }
    }

    private void Commit(ref Utf8JsonReader reader, Phase next)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        _phase = next;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // An element is refused above once it passes its limit; nothing else in the envelope needs this much.
            if (_buffer.Length > 2 * (long)maxElementBytes + ChunkSize)
            {
                throw new BodyFormatException("$", $"A JSON value is larger than {maxElementBytes} bytes.");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        _final = read == 0;
    }
}

/// <summary>An element of the streamed array: its 0-based index and, when parsed, its document (dispose it).</summary>
public sealed record JsonArrayElement(int Index, JsonDocument? Document) : IDisposable
{
    public void Dispose() => Document?.Dispose();
}
