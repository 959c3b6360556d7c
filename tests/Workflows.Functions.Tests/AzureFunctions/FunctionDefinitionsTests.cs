using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Workflows.Engine;
using Workflows.Engine.Storage;
using Workflows.Functions.AzureFunctions;
using Workflows.Testing;

namespace Workflows.Functions.Tests.AzureFunctions;

/// <summary>
/// The files the Functions host reads (host.json, one function.json per function) agree with the app: the
/// queue functions name the engine's queues and bindings, the HTTP functions forward the public API only.
/// </summary>
public sealed class FunctionDefinitionsTests
{
    private static readonly string FunctionsRoot = Path.Combine(AzuriteFixture.RepoRoot, "functions", "Workflows.Functions", "AzureFunctions");

    private static readonly string[] HttpFunctions = ["Api", "Health", "OpenApi"];

    /// <summary>Public paths the HTTP functions must forward.</summary>
    private static readonly string[] PublicPaths = ["/api/v1/signals", "/api/v1/signals/sig-123/events", "/api/v1/worklist", "/healthz", "/openapi/v1.json"];

    public static TheoryData<string> QueueFunctionNames => [.. QueueFunction.All.Select(f => f.Name)];

    [Fact]
    public void FunctionFolders_AreExactlyTheHttpFunctionsAndOneQueueFunctionPerEngineQueue()
    {
        var folders = Directory.GetDirectories(FunctionsRoot)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(HttpFunctions.Concat(QueueFunction.All.Select(f => f.Name)).Order(StringComparer.Ordinal), folders);
        Assert.Equal(Enum.GetValues<EngineQueue>().Order(), QueueFunction.All.Select(f => f.Queue).Order());
    }

    [Theory]
    [MemberData(nameof(QueueFunctionNames))]
    public void QueueFunction_TriggersOnTheEngineQueueNamedByItsSetting_WithAnIdentityConnection(string name)
    {
        var function = QueueFunction.All.Single(f => f.Name == name);

        var binding = Assert.Single(Bindings(name));

        Assert.Equal("queueTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("in", binding.GetProperty("direction").GetString());
        Assert.Equal(QueueFunction.BindingName, binding.GetProperty("name").GetString());
        Assert.Equal($"%{function.QueueNameSetting}%", binding.GetProperty("queueName").GetString());
        Assert.Equal(QueueFunction.Connection, binding.GetProperty("connection").GetString());
        // The body is handed over as text: the engine's messages are raw JSON, not base64.
        Assert.Equal("string", binding.GetProperty("dataType").GetString());
    }

    [Theory]
    [MemberData(nameof(QueueFunctionNames))]
    public void QueueFunction_Setting_IsAcceptedOnlyWithTheEnginesQueueName(string name)
    {
        var function = QueueFunction.All.Single(f => f.Name == name);
        var options = new EngineOptions { Prefix = "wf" };
        var settings = QueueFunction.All.ToDictionary(f => f.QueueNameSetting, f => (string?)EngineStorage.QueueName(options.Prefix, f.Queue));
        settings[CustomHandler.PortSetting] = "7071";

        Assert.True(Validate(settings, options).Succeeded);
        settings[function.QueueNameSetting] = "wf-something-else";
        var failure = Validate(settings, options);
        Assert.True(failure.Failed);
        Assert.Contains(function.QueueNameSetting, failure.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(QueueFunctionNames))]
    public void Bicep_SetsEachQueueSettingToTheEnginesQueueUnderItsPrefix(string name)
    {
        var function = QueueFunction.All.Single(f => f.Name == name);
        var bicep = File.ReadAllText(Path.Combine(AzuriteFixture.RepoRoot, "infra", "main.bicep"));

        Assert.Contains($"{{ name: '{function.QueueNameSetting}', value: '{EngineStorage.QueueName("${enginePrefix}", function.Queue)}' }}", bicep, StringComparison.Ordinal);
        Assert.Contains("{ name: 'Engine__Prefix', value: enginePrefix }", bicep, StringComparison.Ordinal);
        Assert.Contains($"{{ name: '{QueueFunction.Connection}__queueServiceUri', value: storage.properties.primaryEndpoints.queue }}", bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpFunctions_AreAnonymousForAllMethods_AndForwardEveryPublicPath()
    {
        foreach (var name in HttpFunctions)
        {
            var trigger = Bindings(name).Single(b => b.GetProperty("type").GetString() == "httpTrigger");
            // The app authenticates every request itself; a function key in front would only break API clients.
            Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
            Assert.False(trigger.TryGetProperty("methods", out _), $"{name}: without 'methods' every method is forwarded.");
            Assert.Contains(Bindings(name), b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "out");
        }

        foreach (var path in PublicPaths)
        {
            Assert.True(HttpRoutes().Any(route => Matches(route, path)), $"No HTTP function forwards {path}.");
        }
    }

    [Fact]
    public void HttpFunctions_NeverMatchAnInvocationPath()
    {
        foreach (var function in QueueFunction.All)
        {
            foreach (var path in new[] { $"/{function.Name}", $"/{function.Name.ToLowerInvariant()}" })
            {
                Assert.DoesNotContain(HttpRoutes(), route => Matches(route, path));
            }
        }
    }

    [Fact]
    public void HostJson_RunsTheExecutableAsCustomHandler_WithQueueSettingsThatLeaveRetriesAndPoisonToTheEngine()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteFixture.RepoRoot, "host.json")));
        var root = host.RootElement;
        var engine = new EngineOptions();

        Assert.Equal(typeof(Program).Assembly.GetName().Name, root.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(root.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        var queues = root.GetProperty("extensions").GetProperty("queues");
        Assert.Equal("none", queues.GetProperty("messageEncoding").GetString());
        // The engine poisons a work item at Engine:MaxDequeueCount and gives an activity up at Engine:ActivityMaxAttempts;
        // the host's own poison queue is only a backstop beyond both.
        Assert.True(queues.GetProperty("maxDequeueCount").GetInt32() > Math.Max(engine.MaxDequeueCount, engine.ActivityMaxAttempts));
        // Timers become visible at their due time; the host must look at least as often as the loops would.
        Assert.True(TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture) <= engine.MaxTimerPollInterval);
        Assert.True(queues.GetProperty("batchSize").GetInt32() <= engine.MaxConcurrency);
    }

    private static List<JsonElement> Bindings(string function)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsRoot, function, "function.json")));
        return [.. json.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone())];
    }

    private static IEnumerable<string> HttpRoutes() =>
        HttpFunctions.Select(name => Bindings(name).Single(b => b.GetProperty("type").GetString() == "httpTrigger").GetProperty("route").GetString()!);

    private static bool Matches(string route, string path) =>
        new TemplateMatcher(TemplateParser.Parse(route), []).TryMatch(new PathString(path), []);

    private static ValidateOptionsResult Validate(Dictionary<string, string?> settings, EngineOptions options) =>
        new CustomHandlerOptionsValidator(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).Validate(null, options);
}
