using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Workflows.Application.Hosting;

/// <summary>
/// Caps request bodies at <see cref="ApiOptions.MaxRequestBodySize"/>, or at what the endpoint's
/// <see cref="IRequestSizeLimitMetadata"/> says (a bulk upload may take more). A declared length over the
/// limit is refused before anything is read; a chunked body is cut off by the server while it is read.
/// Either way the answer is 413 problem+json (status code pages and the exception handler write it).
/// </summary>
internal static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>();
        return app.Use((context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
                ? metadata.MaxRequestBodySize
                : options.Value.MaxRequestBodySize;
            if (limit is null)
            {
                return next(context);
            }

            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            return next(context);
        });
    }
}
