namespace Workflows.Application.Hosting;

/// <summary>
/// Where the local host keeps its files (.data/...): a relative path is taken from the repository root (the
/// folder with Workflows.sln above the content root), so `./run.sh` and the tests agree whatever the working
/// directory; outside a checkout, from the content root itself.
/// </summary>
public static class LocalPath
{
    public static string Resolve(string contentRoot, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(RepositoryRoot(contentRoot), path));

    internal static string RepositoryRoot(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
            {
                return dir.FullName;
            }
        }

        return contentRoot;
    }
}
