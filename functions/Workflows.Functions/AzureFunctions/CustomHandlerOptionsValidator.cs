using Microsoft.Extensions.Options;
using Workflows.Engine;
using Workflows.Engine.Storage;

namespace Workflows.Functions.AzureFunctions;

/// <summary>
/// Engine settings that would silently lose work under the Functions host, checked at start in custom-handler
/// mode: the triggers read the queues named by app settings (<c>%EngineWorkQueue%</c> in function.json), which
/// must be the engine's own under <see cref="EngineOptions.Prefix"/>; and timers must be queue messages, as
/// indexed timers need the sweep loop that does not run here.
/// </summary>
internal sealed class CustomHandlerOptionsValidator(IConfiguration configuration) : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        if (CustomHandler.Port(configuration) is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = QueueFunction.All
            .Select(f => (f.QueueNameSetting, Configured: configuration[f.QueueNameSetting], Expected: EngineStorage.QueueName(options.Prefix, f.Queue)))
            .Where(s => !string.Equals(s.Configured, s.Expected, StringComparison.Ordinal))
            .Select(s => $"{s.QueueNameSetting} must be '{s.Expected}' (the engine's queue for Engine:Prefix '{options.Prefix}'), not '{s.Configured ?? "unset"}'.")
            .ToList();
        if (options.TimerMode != TimerMode.Queue)
        {
            failures.Add($"Engine:TimerMode must be {TimerMode.Queue} under Azure Functions: {options.TimerMode} timers need the engine's sweep loop.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
