#!/usr/bin/env bash
# Builds the Azure Functions package (see infra/README.md): the self-contained linux-x64 executable, with
# host.json and one <function>/function.json folder per function at the root of the zip.
# Usage: infra/publish.sh [zip, default workflows.zip] [more `dotnet publish` arguments]
set -euo pipefail
zip_path=$(realpath -m "${1:-workflows.zip}")
shift || true
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$work/src
out=$work/publish
# Published from a copy of the tracked and new files: the linux-x64 restore adds a runtime section to the
# lock files, which must not reach the committed ones (CI restores them in locked mode, without a runtime).
mkdir -p "$src"
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$src"
dotnet publish "$src/functions/Workflows.Functions" -c Release -r linux-x64 --self-contained -o "$out" --verbosity quiet "$@"

# The layout the Functions host expects; the csproj puts it there, this only checks.
test -x "$out/Workflows.Functions" || { echo "no Workflows.Functions executable at the root" >&2; exit 1; }
test -f "$out/host.json" || { echo "no host.json at the root" >&2; exit 1; }
for folder in "$src"/functions/Workflows.Functions/AzureFunctions/*/; do
  name=$(basename "$folder")
  test -f "$out/$name/function.json" || { echo "no $name/function.json at the root" >&2; exit 1; }
done

rm -f "$zip_path"
(cd "$out" && zip -qr "$zip_path" .)
echo "$zip_path"
