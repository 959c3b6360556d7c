#!/usr/bin/env bash
# Builds the Functions app's deployment package (see infra/README.md): `dotnet publish` of
# functions/Workflows.FunctionApp (framework-dependent; Flex Consumption brings .NET 10), checked for what a
# Functions host loads (host.json, functions.metadata, extensions.json and the extensions' assemblies), zipped.
# Usage: infra/publish.sh [zip, default workflows.zip] [more `dotnet publish` arguments]
set -euo pipefail
zip_path=$(realpath -m "${1:-workflows.zip}")
shift || true
cd "$(dirname "$0")/.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish functions/Workflows.FunctionApp -c Release -o "$out" --verbosity quiet "$@"

for file in host.json functions.metadata extensions.json appsettings.json Workflows.FunctionApp.dll .azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll; do
  test -f "$out/$file" || { echo "no $file in the package" >&2; exit 1; }
done
functions=$(grep -o '"scriptFile"' "$out/functions.metadata" | wc -l)
echo "$functions functions in functions.metadata"

rm -f "$zip_path"
(cd "$out" && zip -qr "$zip_path" .)
echo "$zip_path"
