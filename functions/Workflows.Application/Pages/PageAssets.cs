using System.Reflection;

namespace Workflows.Application.Pages;

/// <summary>The pages' style sheet and the docs page's start script, embedded in the assembly (no CDN, no build chain), cached for a day.</summary>
internal static class PageAssets
{
    private static readonly Lazy<byte[]> Css = new(() => Read("site.css"));
    private static readonly Lazy<byte[]> DocsScript = new(() => Read("docs.js"));

    public static IResult StyleSheet(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(Css.Value, "text/css; charset=utf-8");
    }

    public static IResult DocsStart(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(DocsScript.Value, "text/javascript; charset=utf-8");
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream($"Workflows.Application.Pages.Assets.{name}")
            ?? throw new InvalidOperationException($"The embedded asset {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
