namespace Workflows.Application.Hosting;

/// <summary>
/// Fills in what API.md "Errors" promises on every problem (RFC 9457): a <c>detail</c> even for the
/// framework's own 404/405/413/415/500, and exception details only in Development.
/// </summary>
internal static class ProblemConventions
{
    public static void Customize(ProblemDetailsContext context, bool includeExceptionDetails)
    {
        var problem = context.ProblemDetails;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status400BadRequest => "The request is not valid.",
            StatusCodes.Status404NotFound => "There is no resource at this address.",
            StatusCodes.Status405MethodNotAllowed => "This address does not take this HTTP method.",
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this address takes.",
            StatusCodes.Status415UnsupportedMediaType => "This address does not take this content type.",
            StatusCodes.Status500InternalServerError => "Something went wrong on our side; it has been logged.",
            _ => null,
        };

        if (includeExceptionDetails && context.Exception is { } exception)
        {
            problem.Extensions["exception"] = exception.ToString();
        }
    }
}
