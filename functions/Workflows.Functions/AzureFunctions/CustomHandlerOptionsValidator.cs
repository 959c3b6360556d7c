using Microsoft.Extensions.Options;
using Workflows.Engine;
using Workflows.Engine.Storage;

namespace Workflows.Functions.AzureFunctions;

/// <summary>
/// In custom-handler mode the triggers listen to the queues named by app settings (<c>%EngineWorkQueue%</c>
/// in function.json); those must be the engine's own queues under <see cref="EngineOptions.Prefix"/>, or
/// the work would wait in queues nobody reads. Checked at start.
/// </summary>
internal sealed class QueueSettingsValidator(IConfiguration configuration) : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        if (CustomHandler.Port(configuration) is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var wrong = QueueFunction.All
            .Select(f => (f.QueueNameSetting, Configured: configuration[f.QueueNameSetting], Expected: EngineStorage.QueueName(options.Prefix, f.Queue)))
            .Where(s => !string.Equals(s.Configured, s.Expected, StringComparison.Ordinal))
            .Select(s => $"{s.QueueNameSetting} must be '{s.Expected}' (the engine's queue for Engine:Prefix '{options.Prefix}'), not '{s.Configured ?? "unset"}'.")
            .ToList();
        return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
    }
}
