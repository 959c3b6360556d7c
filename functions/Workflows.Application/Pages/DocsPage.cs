using System.IO.Compression;
using Microsoft.Net.Http.Headers;

namespace Workflows.Application.Pages;

/// <summary>
/// <c>/docs</c> (PAGES.md, anyone): the API reference, rendered in the browser from <c>/openapi/v1.json</c> by
/// Scalar's bundle, which Scalar.AspNetCore carries (gzip-compressed) and this app serves itself: nothing from a CDN.
/// Without JavaScript the page links the document itself.
/// </summary>
internal static class DocsPage
{
    /// <summary>Scalar injects its styles at run time; scripts stay same-origin files.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string BundleResource = "ScalarStaticAssets.scalar.js";

    private static readonly Lazy<byte[]> Gzipped = new(() =>
    {
        using var stream = typeof(Scalar.AspNetCore.ScalarOptions).Assembly.GetManifestResourceStream(BundleResource)
            ?? throw new InvalidOperationException($"Scalar.AspNetCore no longer carries {BundleResource}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    private static readonly Lazy<byte[]> Plain = new(() =>
    {
        using var gzip = new GZipStream(new MemoryStream(Gzipped.Value), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gzip.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Page(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        PageHeaders.Apply(http.Response, ContentSecurityPolicy);
        return PageResults.Page<Components.DocsView>(new Dictionary<string, object?> { ["Chrome"] = PageResults.Chrome(http, "API-documentatie") });
    }

    public static IResult Bundle(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "public, max-age=86400";
        http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(Gzipped.Value, "text/javascript; charset=utf-8");
        }

        return Results.Bytes(Plain.Value, "text/javascript; charset=utf-8");
    }
}
