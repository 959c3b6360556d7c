var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok());
await app.RunAsync();

/// <summary>Entry point, visible to functional tests.</summary>
public partial class Program;
