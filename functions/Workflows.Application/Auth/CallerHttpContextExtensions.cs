namespace Workflows.Application.Auth;

/// <summary>The authenticated <see cref="Auth.Caller"/> of a request, for endpoint handlers.</summary>
public static class CallerHttpContextExtensions
{
    /// <summary>
    /// The caller; throws when the request is not authenticated. Only an <c>AllowAnonymous</c> endpoint gets that
    /// far (the fallback policy closes the rest), and one that asks for a caller is a bug, hence a 500 rather than a 401.
    /// </summary>
    public static Caller Caller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Auth.Caller.From(context.User)
            ?? throw new InvalidOperationException($"No authenticated caller on {context.Request.Path}: the endpoint must require authorization.");
    }
}
