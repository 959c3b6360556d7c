namespace Workflows.Application.Seeding;

/// <summary>Development seeding (section <c>Seeding</c>); has no effect outside Development.</summary>
public sealed class SeedingOptions
{
    public const string Section = "Seeding";

    public const string DefaultCredentialsFile = ".data/dev-credentials.json";

    /// <summary>Where the seeded keys are written; a relative path is taken from the repository root (the folder with Workflows.sln).</summary>
    public string CredentialsFile { get; set; } = DefaultCredentialsFile;

    /// <summary>The <c>baseUrl</c> written to the file; default the first of <c>urls</c>, else http://localhost:7071.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The file's full path: <see cref="CredentialsFile"/> as is when absolute, else under the repository root above <paramref name="contentRoot"/> (or the content root itself outside a checkout).</summary>
    public string ResolveCredentialsFile(string contentRoot)
    {
        var file = string.IsNullOrWhiteSpace(CredentialsFile) ? DefaultCredentialsFile : CredentialsFile;
        return Hosting.LocalPath.Resolve(contentRoot, file);
    }
}
