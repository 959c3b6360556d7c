using Microsoft.Extensions.Options;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Application.DevClock;
using Workflows.Application.Policy;

namespace Workflows.Application.Notifications;

/// <summary>
/// Registers email (the mailer chosen by <c>Mail:Provider</c>), the "notify", "send-digests" and "alert-admins" activities, the
/// digest schedule, preferences, and the Development demo clock that drives them in demos.
/// </summary>
internal static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "Mail:BaseUrl must be an absolute http(s) URL.")
            .Validate<IOptions<SendGridOptions>>((o, sendGrid) => o.Provider != MailProvider.SendGrid || !string.IsNullOrWhiteSpace(sendGrid.Value.ApiKey),
                "SendGrid:ApiKey is required when Mail:Provider is SendGrid (a Key Vault reference in Azure).")
            .ValidateOnStart();
        services.AddOptions<SendGridOptions>()
            .Bind(configuration.GetSection(SendGridOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient(SendGridMailer.HttpClientName);
        services.AddSingleton<IMailer>(sp => CreateMailer(sp, environment));

        services.AddSingleton<MailLedger>();
        services.AddSingleton<OnceMailer>();
        services.AddSingleton<PreferenceStore>();
        services.AddSingleton<RecipientResolver>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<IActivityHandler, NotifyActivity>();
        services.AddSingleton<IActivityHandler, SendDigestsActivity>();
        services.AddSingleton<IActivityHandler, AdminAlertActivity>();
        services.AddSingleton<ICaseDefinition>(sp => new DigestOrchestration(sp.GetRequiredService<CasePolicy>().Calendar()));
        services.AddSingleton<DigestSchedule>();

        // The demo clock moves reminders and digests forward in demos (Development only).
        services.AddDevClock(configuration, environment);
        return services;
    }

    private static IMailer CreateMailer(IServiceProvider services, IHostEnvironment environment)
    {
        var options = services.GetRequiredService<IOptions<MailOptions>>().Value;
        var logger = services.GetRequiredService<ILogger<FileMailer>>();
        logger.MailProviderChosen(options.Provider.ToString());
        if (options.Provider == MailProvider.SendGrid)
        {
            return ActivatorUtilities.CreateInstance<SendGridMailer>(services);
        }

        var files = ActivatorUtilities.CreateInstance<FileMailer>(services, environment);
        if (!environment.IsDevelopment())
        {
            logger.FilesOutsideDevelopment(files.Directory);
        }

        return files;
    }
}
