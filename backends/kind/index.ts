// The kind backend's public face: the adapter that drives Istio and Cilium on a cluster through
// the Kubernetes API, and the presenter's kubeconfig. Cluster scripts, manifests, pins and the
// Go-built API-server and control-plane harnesses live beside it (cluster/, apiserver/,
// control-plane/).
export { KIND_SWITCH_TIMEOUT_MS, KindBackend, type KindBackendOptions } from './adapter/kind-backend';
export { loadKubeConfig } from './adapter/kubeconfig';
