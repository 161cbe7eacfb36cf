#!/usr/bin/env bash
# The kind demo cluster: Gateway API CRDs, Cilium (CNI, kube-proxy replacement, Gateway API),
# Istio's ambient install (which also serves sidecars), the demo workload once per mode, a
# waypoint, fortio. Both meshes come from their Helm charts with the values files in values/.
#   backends/kind/cluster/cluster.sh up|down|status [--dry-run]
# Idempotent: re-running `up` repairs and never duplicates. --dry-run prints every command
# instead of running it. Versions come from versions.env only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=versions.env
. "$here/versions.env"

action=${1:-}
dry_run=false
[ "${2:-}" = "--dry-run" ] && dry_run=true
context="kind-$CLUSTER_NAME"
started=$(date +%s)

run() {
  if $dry_run; then
    printf '+ %s\n' "$*"
  else
    "$@"
  fi
}

step() {
  printf '[%4ss] %s\n' "$(( $(date +%s) - started ))" "$*"
}

cluster_exists() {
  $dry_run && return 1
  kind get clusters 2>/dev/null | grep -qx "$CLUSTER_NAME"
}

up() {
  step "checking prerequisites"
  if $dry_run; then run "$here/check-prereqs.sh"; else "$here/check-prereqs.sh"; fi

  if cluster_exists; then
    step "cluster $CLUSTER_NAME exists: keeping it"
  else
    step "creating cluster $CLUSTER_NAME ($KIND_NODE_IMAGE)"
    run kind create cluster --name "$CLUSTER_NAME" --image "$KIND_NODE_IMAGE" --config "$here/kind-config.yaml" --wait 0s
  fi

  # Gateway API's CRDs before Cilium: its operator looks for them once, when it starts, and
  # leaves Gateway API (and GAMMA) off for good if they are missing.
  step "installing Gateway API $GATEWAY_API_VERSION CRDs (experimental channel: HTTPRoute retries)"
  run kubectl --context "$context" apply --server-side \
    -f "https://github.com/kubernetes-sigs/gateway-api/releases/download/$GATEWAY_API_VERSION/experimental-install.yaml"

  step "installing Cilium $CILIUM_VERSION (values/cilium.yaml: kube-proxy replacement, Gateway API + GAMMA, node Envoy, Hubble)"
  run helm repo add cilium https://helm.cilium.io --force-update
  run helm upgrade --install cilium cilium/cilium --kube-context "$context" --namespace kube-system \
    --version "$CILIUM_VERSION" -f "$here/values/cilium.yaml" \
    --set k8sServiceHost="$CLUSTER_NAME-control-plane" --set k8sServicePort=6443 \
    --wait --timeout 10m

  # Istio's official Helm charts, in the order istio.io's ambient Helm install gives, all with
  # values/istio.yaml (the control-plane suite installs the same charts with the same file).
  step "installing Istio $ISTIO_VERSION, ambient (values/istio.yaml: base, istiod, cni, ztunnel)"
  run helm repo add istio https://istio-release.storage.googleapis.com/charts --force-update
  for chart in base:istio-base istiod:istiod cni:istio-cni ztunnel:ztunnel; do
    run helm upgrade --install "${chart#*:}" "istio/${chart%%:*}" --kube-context "$context" --namespace istio-system --create-namespace \
      --version "$ISTIO_VERSION" -f "$here/values/istio.yaml" --set global.tag="$ISTIO_VERSION" --set tag="$ISTIO_VERSION" \
      --wait --timeout 10m
  done

  step "building and loading the workload image $WORKLOAD_IMAGE"
  run docker build -t "$WORKLOAD_IMAGE" --build-arg "BUILD_IMAGE=$WORKLOAD_BUILD_IMAGE" --build-arg "BASE_IMAGE=$WORKLOAD_BASE_IMAGE" -f "$here/workload.Dockerfile" "$root"
  run kind load docker-image "$WORKLOAD_IMAGE" --name "$CLUSTER_NAME"

  step "applying namespaces, the workload once per mode, the waypoint, RBAC"
  run kubectl --context "$context" apply -f "$here/manifests/namespaces.yaml"
  for mode in none sidecar ambient ambient-waypoint ebpf ebpf-l7; do
    run kubectl --context "$context" apply -n "meshstage-$mode" -f "$here/manifests/workload.yaml"
  done
  # Cilium sends a Service through its node Envoy when the Service asks for it.
  for svc in web catalog inventory; do
    run kubectl --context "$context" annotate --overwrite -n meshstage-ebpf-l7 service "$svc" service.cilium.io/lb-l7=enabled
  done
  run kubectl --context "$context" apply -f "$here/manifests/waypoint.yaml"
  run kubectl --context "$context" apply -f "$here/manifests/rbac.yaml"

  step "waiting for every workload to be ready"
  for mode in none sidecar ambient ambient-waypoint ebpf ebpf-l7; do
    run kubectl --context "$context" -n "meshstage-$mode" rollout status deployment --timeout 5m
  done
  step "ready: MESH_BACKEND=kind KUBE_CONTEXT=$context npm start"
}

down() {
  step "deleting cluster $CLUSTER_NAME"
  run kind delete cluster --name "$CLUSTER_NAME"
}

status() {
  if ! $dry_run && ! cluster_exists; then
    echo "cluster $CLUSTER_NAME does not exist: npm run cluster:up"
    exit 1
  fi
  run kubectl --context "$context" get nodes -o wide
  run kubectl --context "$context" get pods -A -o wide
  run helm list --kube-context "$context" --all-namespaces
  # What the cluster costs this machine, measured: CPU and memory of each kind node container,
  # and the disk each one uses (its writable layer: pulled images, logs).
  run docker stats --no-stream --format 'table {{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}' \
    "$CLUSTER_NAME-control-plane" "$CLUSTER_NAME-worker" "$CLUSTER_NAME-worker2"
  run docker ps --size --filter "label=io.x-k8s.kind.cluster=$CLUSTER_NAME" --format 'table {{.Names}}\t{{.Size}}'
}

case "$action" in
  up) up ;;
  down) down ;;
  status) status ;;
  *)
    echo "usage: $0 up|down|status [--dry-run]" >&2
    exit 2
    ;;
esac
