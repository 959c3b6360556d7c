namespace Workflows.Domain.Plans;

/// <summary>Where a rule comes from (RULES: labels [L], [P], [D]).</summary>
public enum SourceKind
{
    /// <summary>[L] law: a municipality may tighten it but not loosen it.</summary>
    Law,

    /// <summary>[P] established practice or covenant: policy configuration.</summary>
    Practice,

    /// <summary>[D] a default this product chooses: policy configuration.</summary>
    Default,
}

/// <summary>The label and citation a policy officer checks a step against, e.g. "[L] Wgs art. 4(2)".</summary>
public sealed record Source(SourceKind Kind, string Citation)
{
    public static Source Law(string citation) => new(SourceKind.Law, citation);

    public static Source Practice(string citation) => new(SourceKind.Practice, citation);

    public static Source Default(string citation) => new(SourceKind.Default, citation);

    public override string ToString() => $"[{Kind switch { SourceKind.Law => "L", SourceKind.Practice => "P", _ => "D" }}] {Citation}";
}
