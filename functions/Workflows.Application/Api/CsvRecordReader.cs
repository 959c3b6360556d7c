using System.Text;

namespace Workflows.Application.Api;

/// <summary>
/// Reads CSV (RFC 4180) one record at a time from a <see cref="TextReader"/>: fields separated by a
/// delimiter (<c>,</c> or <c>;</c>), optionally quoted with <c>"</c> (a doubled <c>""</c> inside quotes is a
/// quote; quoted fields may hold delimiters and line breaks), records ended by CRLF or LF. Empty lines are
/// skipped. A record that breaks the rules (text after a closing quote, a quote inside an unquoted field,
/// a value over <c>maxFieldLength</c>, more than <c>maxFields</c> fields) comes back with an
/// <see cref="CsvRecord.Error"/> so the caller can refuse that row alone; a quote still open at the end of
/// the input makes the whole body unreadable (<see cref="BodyFormatException"/>). Lines are counted from
/// <c>firstLine</c> (e.g. 2 when the caller read the header line itself).
/// </summary>
public sealed class CsvRecordReader(TextReader reader, char delimiter, int maxFieldLength, int maxFields, int firstLine = 1)
{
    private const int Eof = -1;

    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private bool _ended;
    private int _line = firstLine;

    /// <summary>Sniffs the delimiter from a header line: <c>;</c> when it has semicolons and no commas (spreadsheets with a Dutch locale), else <c>,</c>.</summary>
    public static char DetectDelimiter(string headerLine)
    {
        ArgumentNullException.ThrowIfNull(headerLine);
        return headerLine.Contains(';', StringComparison.Ordinal) && !headerLine.Contains(',', StringComparison.Ordinal) ? ';' : ',';
    }

    /// <summary>The next non-empty record, or null at the end of the input.</summary>
    public async ValueTask<CsvRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var record = await ReadRecordAsync(cancellationToken);
            if (record is null || !record.IsBlank)
            {
                return record;
            }
        }
    }

    private async ValueTask<CsvRecord?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        var line = _line;
        string? error = null;
        var inQuotes = false;
        var wasQuoted = false;
        var afterQuote = false;
        var tooLong = false;
        var any = false;
        _field.Clear();

        while (true)
        {
            var c = await NextAsync(cancellationToken);
            if (c == Eof)
            {
                if (inQuotes)
                {
                    throw new BodyFormatException($"line {line}", $"A quoted value that starts on line {line} is never closed.");
                }

                if (!any)
                {
                    return null;
                }

                EndField();
                return Record();
            }

            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (await PeekAsync(cancellationToken) == '"')
                    {
                        await NextAsync(cancellationToken);
                        Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    Append((char)c);
                }

                continue;
            }

            if (c == delimiter)
            {
                EndField();
                continue;
            }

            if (c is '\r' or '\n')
            {
                if (c == '\r' && await PeekAsync(cancellationToken) == '\n')
                {
                    await NextAsync(cancellationToken);
                }

                _line++;
                EndField();
                return Record();
            }

            if (c == '"' && _field.Length == 0 && !wasQuoted)
            {
                inQuotes = wasQuoted = true;
                continue;
            }

            if (c == '"')
            {
                error ??= "A quote (\") may only enclose a whole value; write a quote inside a quoted value as \"\".";
            }
            else if (afterQuote)
            {
                error ??= "Text follows the closing quote of a value.";
            }

            Append((char)c);
        }

        void Append(char c)
        {
            if (_field.Length < maxFieldLength)
            {
                _field.Append(c);
            }
            else
            {
                tooLong = true;
            }
        }

        void EndField()
        {
            if (tooLong)
            {
                error ??= $"A value is longer than {maxFieldLength} characters.";
            }

            if (fields.Count < maxFields)
            {
                fields.Add(_field.ToString());
            }
            else
            {
                error ??= $"A row has more than {maxFields} values.";
            }

            _field.Clear();
            wasQuoted = afterQuote = tooLong = false;
        }

        CsvRecord Record() => new(line, fields, error, IsBlank: fields.Count == 1 && fields[0].Length == 0 && error is null);
    }

    private async ValueTask<int> NextAsync(CancellationToken cancellationToken)
    {
        if (_position >= _length && !await FillAsync(cancellationToken))
        {
            return Eof;
        }

        return _buffer[_position++];
    }

    private async ValueTask<int> PeekAsync(CancellationToken cancellationToken)
    {
        if (_position >= _length && !await FillAsync(cancellationToken))
        {
            return Eof;
        }

        return _buffer[_position];
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return false;
        }

        _length = await reader.ReadAsync(_buffer, cancellationToken);
        _position = 0;
        _ended = _length == 0;
        return !_ended;
    }
}

/// <summary>One CSV record: the line it starts on (1-based), its values, and what is wrong with it, if anything.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Values, string? Error, bool IsBlank);
