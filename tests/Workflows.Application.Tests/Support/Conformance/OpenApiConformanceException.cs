namespace Workflows.Application.Tests.Support.Conformance;

/// <summary>An answer of the app that its own OpenAPI document does not declare; thrown to the test that made the request.</summary>
public sealed class OpenApiConformanceException(string message) : Exception(message)
{
}
