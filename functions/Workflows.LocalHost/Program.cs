using Workflows.Application.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddApplicationServices(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UseApplicationPipeline();
app.MapApplicationEndpoints();
await app.RunAsync();

/// <summary>Entry point, visible to functional tests.</summary>
public partial class Program;
