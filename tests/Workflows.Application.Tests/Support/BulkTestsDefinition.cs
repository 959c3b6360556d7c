namespace Workflows.Application.Tests.Support;

/// <summary>Tests that load the machine on purpose (hundreds of cases at once) run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BulkTestsDefinition
{
    public const string Name = "bulk";
}
