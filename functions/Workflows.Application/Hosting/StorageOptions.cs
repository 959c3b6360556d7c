using System.ComponentModel.DataAnnotations;

namespace Workflows.Application.Hosting;

/// <summary>
/// Where the engine's tables and queues live. Section "Storage". Exactly one of
/// <see cref="ConnectionString"/> (Azurite, local) and <see cref="AccountName"/> (managed identity, Azure) is set.
/// </summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>A Storage connection string; for local development and tests only (Azure has shared keys off).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Storage account name, reached with <c>DefaultAzureCredential</c> (the app's managed identity).</summary>
    [RegularExpression("^[a-z0-9]{3,24}$", ErrorMessage = "Storage:AccountName must be 3-24 lowercase letters and digits.")]
    public string? AccountName { get; set; }
}
