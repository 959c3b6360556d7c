namespace Workflows.Application.Pages;

/// <summary>
/// The headers every page carries (PAGES.md "Expectations"): a Content-Security-Policy that allows only this
/// origin's styles and scripts and no framing, no caching of pages that hold personal data, no sniffing.
/// </summary>
internal static class PageHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; font-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response, string contentSecurityPolicy = ContentSecurityPolicy)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        // As antiforgery sets it (else it overrides it and logs a warning on every page).
        headers.CacheControl = "no-cache, no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
    }
}
