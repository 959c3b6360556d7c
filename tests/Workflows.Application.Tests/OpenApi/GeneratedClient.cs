using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Workflows.Application.Tests.OpenApi;

/// <summary>
/// A C# client generated from an OpenAPI document by NSwag, as an integrator would (one class, methods named after the
/// operation ids, System.Text.Json), compiled in memory with Roslyn and called through reflection.
/// </summary>
internal sealed class GeneratedClient
{
    public const string Namespace = "Workflows.Generated";
    public const string ClassName = "WorkflowsClient";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Assembly _assembly;
    private readonly object _client;

    private GeneratedClient(Assembly assembly, HttpClient http)
    {
        _assembly = assembly;
        _client = Activator.CreateInstance(Type(ClassName), http)
            ?? throw new InvalidOperationException($"{ClassName} was not created.");
    }

    /// <summary>Generates, compiles and loads the client; <paramref name="http"/> carries the base address and credentials.</summary>
    public static async Task<GeneratedClient> CreateAsync(string documentJson, HttpClient http, CancellationToken cancellationToken)
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(documentJson, cancellationToken);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = ClassName,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            CSharpGeneratorSettings = { Namespace = Namespace, JsonLibrary = CSharpJsonLibrary.SystemTextJson },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        return new GeneratedClient(Compile(code), http);
    }

    /// <summary>An instance of the generated type <paramref name="name"/>, from JSON (as an integrator's own data would fill it).</summary>
    public object Model(string name, string json) =>
        JsonSerializer.Deserialize(json, Type(name), Json) ?? throw new InvalidOperationException($"No {name} from {json}.");

    /// <summary>Calls the generated <c>{operationId}Async</c> with <paramref name="arguments"/> and answers its result as JSON.</summary>
    public async Task<JsonElement> CallAsync(string operationId, CancellationToken cancellationToken, params object[] arguments)
    {
        var method = _client.GetType().GetMethods()
            .Single(m => m.Name == operationId + "Async" && m.GetParameters().LastOrDefault()?.ParameterType == typeof(CancellationToken));
        var task = (Task)method.Invoke(_client, [.. arguments, cancellationToken])!;
        await task;
        var result = task.GetType().GetProperty("Result")?.GetValue(task);
        return JsonSerializer.SerializeToElement(result, result?.GetType() ?? typeof(object), Json);
    }

    private Type Type(string name) =>
        _assembly.GetType($"{Namespace}.{name}") ?? throw new InvalidOperationException($"The generated client has no type {name}.");

    private static Assembly Compile(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Workflows.Generated",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20);
            throw new InvalidOperationException($"The generated client does not compile:\n{string.Join('\n', errors)}");
        }

        image.Position = 0;
        return new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(image);
    }
}
