using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Application.Auth;

namespace Workflows.Application.Pages;

/// <summary>Renders pages (Razor components to HTML, server-side) and answers their posts.</summary>
internal static class PageResults
{
    public static PageChrome Chrome(HttpContext http, string title)
    {
        ArgumentNullException.ThrowIfNull(http);
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var environment = http.RequestServices.GetRequiredService<IHostEnvironment>();
        return new PageChrome(title, Caller.From(http.User), PageUser.NameOf(http.User), http.Request.Path.Value ?? "/", tokens, LocalDevelopment.Is(environment));
    }

    public static RazorComponentResult<TPage> Page<TPage>(IReadOnlyDictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        new(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    /// <summary>The page for an unknown id, and for a case of another municipality or corporation alike (PAGES.md).</summary>
    public static IResult NotFound(HttpContext http) =>
        Page<Components.NotFoundPage>(new Dictionary<string, object?> { ["Chrome"] = Chrome(http, "Niet gevonden") }, StatusCodes.Status404NotFound);

    public static IResult Forbidden(HttpContext http) =>
        Page<Components.ForbiddenPage>(new Dictionary<string, object?> { ["Chrome"] = Chrome(http, "Geen toegang") }, StatusCodes.Status403Forbidden);

    /// <summary>303 See Other after a post that did something (post/redirect/get: a reload does not post again).</summary>
    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    /// <summary>A post without a valid antiforgery token: refused, nothing done.</summary>
    public static async Task<bool> IsFormValidAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.HasFormContentType && await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
    }

    public static IResult FormRefused(HttpContext http) =>
        Page<Components.FormRefusedPage>(new Dictionary<string, object?> { ["Chrome"] = Chrome(http, "Formulier niet geaccepteerd") }, StatusCodes.Status400BadRequest);

    /// <summary>A local path to go back to (a sign-in's return address), never another site.</summary>
    public static string LocalOr(string? path, string fallback) =>
        path is { Length: > 0 } p && p[0] == '/' && (p.Length == 1 || (p[1] != '/' && p[1] != '\\')) && !p.Contains('\\', StringComparison.Ordinal)
            ? p
            : fallback;

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
