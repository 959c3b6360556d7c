using System.Globalization;
using Workflows.Application.Api;

namespace Workflows.Application.Signals;

/// <summary>
/// The CSV form of a batch (<c>text/csv</c>, UTF-8, optionally with a byte order mark): a header row naming
/// the columns (any order, names case-insensitive), then one signal per row with one tenant per row.
/// Values are separated by <c>,</c>, or by <c>;</c> when the header has semicolons and no commas (a
/// spreadsheet saved with a Dutch locale); quote a value with <c>"</c> when it holds the separator. An empty
/// value is absent. Columns (* required in the header; a value may still be empty where the JSON field is optional):
/// <list type="bullet">
/// <item>externalReference*, municipalityCode*</item>
/// <item>initials, prefix, surname*, dateOfBirth (YYYY-MM-DD), phone, email — the one tenant</item>
/// <item>street*, houseNumber*, houseNumberAddition, postalCode*, city* — the address</item>
/// <item>arrearsAmount*, arrearsSince* (YYYY-MM-DD), arrearsMonths*, monthlyRent* — euros with a decimal point or comma, no thousands separators</item>
/// <item>stage* (arrears | summons | judgment | eviction-scheduled), evictionDate (YYYY-MM-DD)</item>
/// <item>personalContactAttempted*, pointedToDebtHelp*, writtenReminderSent*, tenantDidNotObject* — true/false (also ja/nee, yes/no, 1/0); all must be true</item>
/// </list>
/// Errors of a row name its columns (e.g. <c>postalCode</c>) rather than JSON paths. A household with several
/// tenants is sent as JSON.
/// </summary>
internal sealed class SignalCsv
{
    /// <summary>Every column, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "externalReference", "municipalityCode",
        "initials", "prefix", "surname", "dateOfBirth", "phone", "email",
        "street", "houseNumber", "houseNumberAddition", "postalCode", "city",
        "arrearsAmount", "arrearsSince", "arrearsMonths", "monthlyRent",
        "stage", "evictionDate",
        "personalContactAttempted", "pointedToDebtHelp", "writtenReminderSent", "tenantDidNotObject",
    ];

    /// <summary>Columns the header may leave out (their JSON fields are optional).</summary>
    public static readonly IReadOnlySet<string> Optional = new HashSet<string>(StringComparer.Ordinal)
    {
        "initials", "prefix", "dateOfBirth", "phone", "email", "houseNumberAddition", "evictionDate",
    };

    /// <summary>Longest value a cell may hold (a bigger one makes its row invalid).</summary>
    public const int MaxValueLength = 1000;

    /// <summary>Most values in a row before it is refused.</summary>
    public const int MaxValues = 64;

    public const string Description =
        "text/csv: a header row, then one signal (one tenant) per row. Columns: externalReference, municipalityCode, " +
        "initials, prefix, surname, dateOfBirth, phone, email, street, houseNumber, houseNumberAddition, postalCode, city, " +
        "arrearsAmount, arrearsSince, arrearsMonths, monthlyRent, stage, evictionDate, personalContactAttempted, " +
        "pointedToDebtHelp, writtenReminderSent, tenantDidNotObject (initials, prefix, dateOfBirth, phone, email, " +
        "houseNumberAddition and evictionDate may be left out). Separator ',' or ';' (detected from the header), values " +
        "quoted with '\"' when needed, dates YYYY-MM-DD, euros with '.' or ',' as decimal mark, booleans true/false " +
        "(ja/nee, yes/no, 1/0). Row errors name the columns.";

    private static readonly Dictionary<string, string> ColumnByPath = new(StringComparer.Ordinal)
    {
        ["tenants"] = "surname",
        ["address"] = "street",
        ["arrears"] = "arrearsAmount",
        ["arrears.amount"] = "arrearsAmount",
        ["arrears.since"] = "arrearsSince",
        ["arrears.months"] = "arrearsMonths",
        ["arrears.monthlyRent"] = "monthlyRent",
    };

    private readonly Dictionary<string, int> _index;

    private SignalCsv(Dictionary<string, int> index, char delimiter)
    {
        _index = index;
        Delimiter = delimiter;
    }

    public char Delimiter { get; }

    public int Width => _index.Count;

    /// <summary>Reads the header (the first record); throws <see cref="BodyFormatException"/> when a column is unknown, repeated or missing.</summary>
    public static async Task<(SignalCsv Layout, CsvRecordReader Rows)?> OpenAsync(TextReader text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = await text.ReadLineAsync(cancellationToken);
        if (first is null)
        {
            return null; // an empty body: no signals
        }

        var delimiter = CsvRecordReader.DetectDelimiter(first);
        var header = await new CsvRecordReader(new StringReader(first), delimiter, MaxValueLength, MaxValues).ReadAsync(cancellationToken);
        if (header is null)
        {
            return null;
        }

        if (header.Error is { } error)
        {
            throw new BodyFormatException("header", error);
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var repeated = new List<string>();
        for (var i = 0; i < header.Values.Count; i++)
        {
            var name = header.Values[i].Trim();
            var column = Columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                unknown.Add(name.Length > 64 ? name[..64] + "…" : name);
            }
            else if (!index.TryAdd(column, i))
            {
                repeated.Add(column);
            }
        }

        var missing = Columns.Where(c => !Optional.Contains(c) && !index.ContainsKey(c)).ToList();
        if (unknown.Count + repeated.Count + missing.Count > 0)
        {
            var problems = new List<string>();
            if (unknown.Count > 0)
            {
                problems.Add($"unknown column(s): {string.Join(", ", unknown)}");
            }

            if (repeated.Count > 0)
            {
                problems.Add($"repeated column(s): {string.Join(", ", repeated)}");
            }

            if (missing.Count > 0)
            {
                problems.Add($"missing column(s): {string.Join(", ", missing)}");
            }

            throw new BodyFormatException("header", $"The header row has {string.Join("; ", problems)}. Columns: {string.Join(", ", Columns)}.");
        }

        return (new SignalCsv(index, delimiter), new CsvRecordReader(text, delimiter, MaxValueLength, MaxValues, firstLine: 2));
    }

    /// <summary>The CSV column for a canonical JSON path (row errors name columns).</summary>
    public static string ColumnFor(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (ColumnByPath.TryGetValue(path, out var column))
        {
            return column;
        }

        foreach (var prefix in (string[])["tenants[0].", "address.", "collectionSteps."])
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return path[prefix.Length..];
            }
        }

        return path;
    }

    /// <summary>A row as a signal draft; values that do not parse are named in <paramref name="errors"/> (which should rename with <see cref="ColumnFor"/>).</summary>
    public SignalDraft? Read(CsvRecord row, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(errors);
        if (row.Error is { } error)
        {
            errors.Add("row", error);
            return null;
        }

        if (row.Values.Count != _index.Count)
        {
            errors.Add("row", $"Has {row.Values.Count} values; the header has {_index.Count} columns.");
            return null;
        }

        return new SignalDraft
        {
            ExternalReference = Value(row, "externalReference"),
            MunicipalityCode = Value(row, "municipalityCode"),
            Tenants =
            [
                new TenantDraft(
                    Value(row, "initials"), Value(row, "prefix"), Value(row, "surname"), Date(row, "dateOfBirth", "tenants[0].dateOfBirth", errors),
                    Value(row, "phone"), Value(row, "email")),
            ],
            Address = new AddressDraft(
                Value(row, "street"), WholeNumber(row, "houseNumber", "address.houseNumber", errors), Value(row, "houseNumberAddition"),
                Value(row, "postalCode"), Value(row, "city")),
            Arrears = new ArrearsDraft(
                Euros(row, "arrearsAmount", "arrears.amount", errors), Date(row, "arrearsSince", "arrears.since", errors),
                WholeNumber(row, "arrearsMonths", "arrears.months", errors), Euros(row, "monthlyRent", "arrears.monthlyRent", errors)),
            Stage = Value(row, "stage"),
            EvictionDate = Date(row, "evictionDate", "evictionDate", errors),
            CollectionSteps = new CollectionStepsDraft(
                Flag(row, "personalContactAttempted", errors), Flag(row, "pointedToDebtHelp", errors),
                Flag(row, "writtenReminderSent", errors), Flag(row, "tenantDidNotObject", errors)),
        };
    }

    private string? Value(CsvRecord row, string column) =>
        _index.TryGetValue(column, out var i) && row.Values[i] is { Length: > 0 } value ? value : null;

    private int? WholeNumber(CsvRecord row, string column, string path, ValidationErrors errors)
    {
        if (Value(row, column) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add(path, "Must be a whole number.");
        return null;
    }

    private decimal? Euros(CsvRecord row, string column, string path, ValidationErrors errors)
    {
        if (Value(row, column) is not { } text)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Contains(',', StringComparison.Ordinal) && !trimmed.Contains('.', StringComparison.Ordinal))
        {
            trimmed = trimmed.Replace(',', '.');
        }

        if (decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        errors.Add(path, "Must be an amount in euros such as 1450.00 (no thousands separators).");
        return null;
    }

    private DateOnly? Date(CsvRecord row, string column, string path, ValidationErrors errors)
    {
        if (Value(row, column) is not { } text)
        {
            return null;
        }

        if (IsoDate.TryParse(text.Trim(), out var date))
        {
            return date;
        }

        errors.Add(path, IsoDate.FormatMessage);
        return null;
    }

    private bool? Flag(CsvRecord row, string column, ValidationErrors errors)
    {
        if (Value(row, column) is not { } text)
        {
            return null;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "ja" or "yes" or "1":
                return true;
            case "false" or "nee" or "no" or "0":
                return false;
            default:
                errors.Add(ValidationErrors.Path("collectionSteps", column), "Must be true or false.");
                return null;
        }
    }
}
