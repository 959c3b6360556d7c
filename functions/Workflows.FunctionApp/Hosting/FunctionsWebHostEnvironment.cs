using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Workflows.FunctionApp.Hosting;

/// <summary>
/// The web host environment ASP.NET Core's server-side rendering of components asks for, which the Functions
/// worker (a generic host) does not register: the host's own environment, with no web root (the pages' assets are
/// embedded and served by endpoints).
/// </summary>
internal sealed class FunctionsWebHostEnvironment(IHostEnvironment host) : IWebHostEnvironment
{
    public string WebRootPath { get; set; } = Path.Combine(host.ContentRootPath, "wwwroot");

    public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

    public string ApplicationName { get; set; } = host.ApplicationName;

    public IFileProvider ContentRootFileProvider { get; set; } = host.ContentRootFileProvider;

    public string ContentRootPath { get; set; } = host.ContentRootPath;

    public string EnvironmentName { get; set; } = host.EnvironmentName;
}
