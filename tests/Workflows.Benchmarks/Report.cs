using System.Globalization;
using System.Text;

namespace Workflows.Benchmarks;

/// <summary>The repetitions of one measured operation: requests (total and by kind), duration, timer hops.</summary>
internal sealed class Scenario(string label, string note = "")
{
    private readonly List<RequestSnapshot> _requests = [];
    private readonly List<double> _milliseconds = [];
    private readonly List<long> _hops = [];

    public string Label { get; } = label;

    public string Note { get; } = note;

    public int N => _requests.Count;

    public double Mean => _requests.Average(r => (double)r.Total);

    public long Min => _requests.Min(r => r.Total);

    public long Max => _requests.Max(r => r.Total);

    public double MeanMilliseconds => _milliseconds.Average();

    public double MaxMilliseconds => _milliseconds.Max();

    public double MeanHops => _hops.Average();

    public IEnumerable<string> Kinds => _requests.SelectMany(r => r.ByKind.Keys).Distinct();

    public void Add(RequestSnapshot delta, TimeSpan elapsed, long hops = 0)
    {
        _requests.Add(delta);
        _milliseconds.Add(elapsed.TotalMilliseconds);
        _hops.Add(hops);
    }

    public double MeanOf(string kind) => _requests.Average(r => (double)r.ByKind.GetValueOrDefault(kind));
}

/// <summary>Plain-text tables.</summary>
internal static class Report
{
    private static readonly string[] KindOrder =
        ["queue GET", "queue POST", "queue PUT", "queue DELETE", "table GET", "table POST", "table PUT", "table PATCH", "table MERGE", "table DELETE"];

    public static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    public static void PrintCosts(IReadOnlyList<Scenario> scenarios)
    {
        var width = Math.Max(10, scenarios.Max(s => s.Label.Length));
        var header = $"{"scenario".PadRight(width)}  {"n",5}  {"mean",7}  {"min",5}  {"max",5}  {"ms mean",8}  {"ms max",8}  {"hops",5}";
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        foreach (var s in scenarios)
        {
            Console.WriteLine(
                $"{s.Label.PadRight(width)}  {s.N,5}  {F(s.Mean),7}  {s.Min,5}  {s.Max,5}  {F(s.MeanMilliseconds, "0.0"),8}  {F(s.MaxMilliseconds, "0.0"),8}  {F(s.MeanHops, "0.0"),5}");
        }

        Console.WriteLine();
        Console.WriteLine("requests by kind (mean per repetition; service and HTTP method as counted by StorageRequestCounter):");
        var kinds = scenarios.SelectMany(s => s.Kinds).Distinct()
            .OrderBy(k => Array.IndexOf(KindOrder, k) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(k => k, StringComparer.Ordinal)
            .ToList();
        var line = new StringBuilder($"{"scenario".PadRight(width)}");
        foreach (var kind in kinds)
        {
            line.Append("  ").Append(kind.PadLeft(Math.Max(7, kind.Length)));
        }

        Console.WriteLine(line);
        Console.WriteLine(new string('-', line.Length));
        foreach (var s in scenarios)
        {
            line.Clear().Append(s.Label.PadRight(width));
            foreach (var kind in kinds)
            {
                line.Append("  ").Append(F(s.MeanOf(kind)).PadLeft(Math.Max(7, kind.Length)));
            }

            Console.WriteLine(line);
        }

        var notes = scenarios.Where(s => s.Note.Length > 0).ToList();
        if (notes.Count > 0)
        {
            Console.WriteLine();
            foreach (var s in notes)
            {
                Console.WriteLine($"{s.Label}: {s.Note}");
            }
        }
    }

    public static string Kinds(RequestSnapshot delta, double per = 1) =>
        string.Join(", ", delta.ByKind
            .OrderBy(k => Array.IndexOf(KindOrder, k.Key) is var i && i < 0 ? int.MaxValue : i)
            .Select(k => $"{k.Key} {F(k.Value / per)}"));
}
