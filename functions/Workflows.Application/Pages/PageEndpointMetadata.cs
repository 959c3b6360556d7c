namespace Workflows.Application.Pages;

/// <summary>Marks a page endpoint: it answers HTML, and sign-in is a redirect to <c>/sign-in</c>, not a 401 problem.</summary>
public sealed class PageEndpointMetadata
{
    public static PageEndpointMetadata Instance { get; } = new();

    private PageEndpointMetadata()
    {
    }
}
