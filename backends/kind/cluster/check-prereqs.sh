#!/usr/bin/env bash
# Checks what the kind demo needs on this machine and says exactly what is missing or of the
# wrong version (with the fix), before anything is created.
#   backends/kind/cluster/check-prereqs.sh [--dry-run]
# --dry-run prints the commands it would run instead of running them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=versions.env
. "$here/versions.env"

dry_run=false
[ "${1:-}" = "--dry-run" ] && dry_run=true

run() {
  if $dry_run; then
    printf '+ %s\n' "$*"
    return 0
  fi
  "$@"
}

problems=()
# check_tool TOOL VERSION_CMD HINT [WANT]: present, and when WANT is given, VERSION_CMD's output
# contains it (the pinned version the tests build).
check_tool() {
  local tool=$1 version_cmd=$2 hint=$3 want=${4:-}
  if $dry_run; then
    printf '+ command -v %s && %s\n' "$tool" "$version_cmd"
    return 0
  fi
  if ! command -v "$tool" >/dev/null 2>&1; then
    problems+=("$tool ($hint)")
    return 0
  fi
  local found
  found="$(eval "$version_cmd" 2>/dev/null | head -n 1)"
  if [ -n "$want" ] && [[ "$found" != *"$want"* ]]; then
    problems+=("$tool: found ${found:-no version}, need $want ($hint)")
    return 0
  fi
  printf '%-9s %s\n' "$tool" "$found"
}

check_tool docker "docker version --format '{{.Server.Version}}'" "Docker Engine; its daemon must be running"
check_tool kind "kind version" "kind $KIND_VERSION: https://kind.sigs.k8s.io/dl/$KIND_VERSION/kind-linux-amd64" "kind $KIND_VERSION"
check_tool kubectl "kubectl version --client -o yaml | grep gitVersion" "kubectl, any version within one minor of Kubernetes 1.36"
# Helm installs both meshes; the control-plane suite builds and tests this exact release.
check_tool helm "helm version --template '{{.Version}}'" "Helm $HELM_VERSION: https://get.helm.sh/helm-$HELM_VERSION-linux-amd64.tar.gz" "$HELM_VERSION"

if ! $dry_run && command -v docker >/dev/null 2>&1 && ! docker info >/dev/null 2>&1; then
  problems+=("a running Docker daemon (docker info failed: start Docker)")
fi
run test -r "$here/kind-config.yaml"
run test -r "$here/values/cilium.yaml"
run test -r "$here/values/istio.yaml"

if [ ${#problems[@]} -gt 0 ]; then
  echo "Missing or wrong version:" >&2
  printf '  - %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "All prerequisites for the kind demo are present."
