#!/usr/bin/env bash
# Checks the Bicep in infra/: it must compile and lint without a single diagnostic.
# The Bicep CLI comes from NuGet (version pinned in infra/tools/bicep.proj), so CI needs no az CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet restore infra/tools/bicep.proj --verbosity quiet
version=$(sed -n 's:.*<BicepVersion>\(.*\)</BicepVersion>.*:\1:p' infra/tools/bicep.proj)
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

echo "Bicep $version: build and lint infra/main.bicep"
"$bicep" build infra/main.bicep --stdout >/dev/null
# `bicep lint` exits 0 on warnings; treat any diagnostic as a failure.
diagnostics=$("$bicep" lint infra/main.bicep 2>&1) || true
if [[ -n $diagnostics ]]; then
  echo "$diagnostics" >&2
  exit 1
fi
echo "Bicep OK"
