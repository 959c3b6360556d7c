using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Workflows.Application.Tests.Support;

namespace Workflows.Application.Tests.Pages;

/// <summary>
/// A browser's part, without the browser: a cookie jar, no automatic redirects, and the antiforgery token of the
/// last page read, so tests can post the pages' forms as a browser would (and as one would not).
/// </summary>
/// <remarks>Over HTTPS, as outside Development the app serves (its cookies are Secure there, and antiforgery refuses plain HTTP).</remarks>
internal sealed partial class PageSession(WorkflowsAppFactory app) : IDisposable
{
    public HttpClient Client { get; } = app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    /// <summary>The antiforgery token of the last page read.</summary>
    public string? Token { get; private set; }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (TokenField().Match(html) is { Success: true } token)
        {
            Token = WebUtility.HtmlDecode(token.Groups[1].Value);
        }

        return (response.StatusCode, html);
    }

    /// <summary>Posts a form; with <paramref name="withToken"/> the last page's antiforgery token goes along.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken && Token is not null)
        {
            all.Add(new("__RequestVerificationToken", Token));
        }

        using var content = new FormUrlEncodedContent(all);
        return await Client.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
    }

    /// <summary>Signs in through the Development page as <paramref name="user"/>; answers where it sent the browser.</summary>
    public async Task<string?> SignInAsync(string user, CancellationToken cancellationToken, string returnUrl = "/")
    {
        await GetAsync($"/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}", cancellationToken);
        using var response = await PostAsync("/sign-in", [new("user", user), new("returnUrl", returnUrl)], cancellationToken);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return response.Headers.Location?.OriginalString;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
