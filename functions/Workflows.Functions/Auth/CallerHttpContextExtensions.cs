namespace Workflows.Functions.Auth;

/// <summary>The authenticated <see cref="Auth.Caller"/> of a request, for endpoint handlers.</summary>
public static class CallerHttpContextExtensions
{
    /// <summary>
    /// The caller; throws when the request is not authenticated, which means the endpoint forgot its
    /// <c>RequireAuthorization</c> (a bug, hence a 500 rather than a 401).
    /// </summary>
    public static Caller Caller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Auth.Caller.From(context.User)
            ?? throw new InvalidOperationException($"No authenticated caller on {context.Request.Path}: the endpoint must require authorization.");
    }
}
