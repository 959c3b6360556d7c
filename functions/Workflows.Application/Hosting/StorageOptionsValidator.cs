using Microsoft.Extensions.Options;

namespace Workflows.Application.Hosting;

/// <summary>Exactly one way to reach Storage: a connection string or an account name, not both, not neither.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasAccountName = !string.IsNullOrWhiteSpace(options.AccountName);
        return (hasConnectionString, hasAccountName) switch
        {
            (true, false) or (false, true) => ValidateOptionsResult.Success,
            (true, true) => ValidateOptionsResult.Fail(
                "Set either Storage:ConnectionString (local) or Storage:AccountName (managed identity), not both."),
            (false, false) => ValidateOptionsResult.Fail(
                "Set Storage:ConnectionString (local, e.g. UseDevelopmentStorage=true) or Storage:AccountName (managed identity)."),
        };
    }
}
