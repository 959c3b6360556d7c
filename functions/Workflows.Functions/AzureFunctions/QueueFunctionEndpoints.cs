using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine;

namespace Workflows.Functions.AzureFunctions;

/// <summary>
/// In custom-handler mode only: <c>POST /{functionName}</c> for each queue function, where the Functions host
/// posts a trigger invocation. The engine handles the message as its loops would; 200 tells the host to
/// delete it, 500 to deliver it again. Outside custom-handler mode these paths do not exist.
/// </summary>
internal static class QueueFunctionEndpoints
{
    public static WebApplication MapQueueFunctionInvocations(this WebApplication app)
    {
        if (CustomHandler.Port(app.Configuration) is not { } port)
        {
            return app;
        }

        app.Logger.CustomHandlerMode(port);

        foreach (var function in QueueFunction.All)
        {
            app.MapPost($"/{function.Name}", (InvocationRequest request, WorkflowEngine engine, ILoggerFactory loggers, CancellationToken cancellationToken) =>
                    InvokeAsync(function, request, engine, loggers.CreateLogger(typeof(QueueFunctionEndpoints)), cancellationToken))
                // The Functions host calls these on localhost without credentials, so the app's fallback
                // authorization policy must not apply. They are not public: in this mode Kestrel listens on
                // localhost only, and no HTTP function's route (api/{*path}, healthz, openapi/{*path})
                // matches them, so the host never forwards a public request here.
                .AllowAnonymous()
                .ExcludeFromDescription();
        }

        return app;
    }

    private static async Task<Results<Ok<InvocationResponse>, JsonHttpResult<InvocationResponse>>> InvokeAsync(
        QueueFunction function, InvocationRequest request, WorkflowEngine engine, ILogger logger, CancellationToken cancellationToken)
    {
        if (request.ToDelivery(QueueFunction.BindingName) is not { } delivery)
        {
            logger.InvocationWithoutMessage(function.Name, QueueFunction.BindingName);
            return Failure($"{function.Name}: no queue message in the invocation.");
        }

        try
        {
            if (await engine.HandleDeliveryAsync(function.Queue, delivery, cancellationToken))
            {
                return TypedResults.Ok(InvocationResponse.Done);
            }

            logger.InvocationFailed(function.Name, delivery.DequeueCount);
            return Failure($"{function.Name}: delivery {delivery.DequeueCount} failed; it comes back after the engine's back-off.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Type only: exception messages stay in our own log, never in the host's invocation log.
            logger.InvocationCrashed(ex, function.Name);
            return Failure($"{function.Name}: {ex.GetType().Name}; the host delivers it again.");
        }
    }

    private static JsonHttpResult<InvocationResponse> Failure(string log) =>
        TypedResults.Json(InvocationResponse.Failed(log), statusCode: StatusCodes.Status500InternalServerError);
}
