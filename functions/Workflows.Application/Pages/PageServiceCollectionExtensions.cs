using Microsoft.AspNetCore.DataProtection;

namespace Workflows.Application.Pages;

/// <summary>
/// The pages' services: server-side rendering of Razor components to HTML (no interactivity, no circuit), and one
/// Data Protection key ring for the cookies of every instance.
/// </summary>
internal static class PageServiceCollectionExtensions
{
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddDataProtection().SetApplicationName("Workflows");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<Workflows.Orchestrations.Storage.CaseTables>((o, tables) => o.XmlRepository = new TableXmlRepository(tables));
        services.AddSingleton<CasePageServices>();
        return services;
    }
}
