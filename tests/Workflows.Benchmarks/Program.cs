using Workflows.Benchmarks;

// Benchmarks print figures and the machine they ran on; they assert nothing about time.
// Usage: dotnet run -c Release --project tests/Workflows.Benchmarks -- <name> [--option value ...]
return await BenchmarkApp.RunAsync(args);
