#!/usr/bin/env bash
# Checks what the kind demo needs on this machine and says exactly what is missing.
#   demo-cluster/kind/check-prereqs.sh [--dry-run]
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

missing=()
check_tool() {
  local tool=$1 version_cmd=$2 hint=$3
  if $dry_run; then
    printf '+ command -v %s && %s\n' "$tool" "$version_cmd"
    return 0
  fi
  if ! command -v "$tool" >/dev/null 2>&1; then
    missing+=("$tool ($hint)")
    return 0
  fi
  printf '%-9s %s\n' "$tool" "$(eval "$version_cmd" 2>/dev/null | head -n 1)"
}

check_tool docker "docker version --format '{{.Server.Version}}'" "Docker Engine; its daemon must be running"
check_tool kind "kind version" "kind $KIND_VERSION"
check_tool kubectl "kubectl version --client -o yaml | grep gitVersion" "kubectl, any version within one minor of Kubernetes 1.36"
check_tool helm "helm version --short" "Helm 3, to install Cilium $CILIUM_VERSION"
check_tool istioctl "istioctl version --remote=false" "istioctl $ISTIO_VERSION"
check_tool cilium "cilium version --client" "cilium CLI, for cilium status"

if ! $dry_run && command -v docker >/dev/null 2>&1 && ! docker info >/dev/null 2>&1; then
  missing+=("a running Docker daemon (docker info failed: start Docker)")
fi
run test -r "$here/kind-config.yaml"

if [ ${#missing[@]} -gt 0 ]; then
  echo "Missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi
echo "All prerequisites for the kind demo are present."
