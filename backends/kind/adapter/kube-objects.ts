// The parts of Kubernetes objects the kind backend reads. Structural subsets of
// @kubernetes/client-node's V1Pod, V1Namespace, V1Node and the Gateway API's Gateway, so the
// mapping below takes the client's objects as they come (and plain JSON fixtures in tests).

export interface KubeMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  /** Set while a pod terminates (the client parses it to a Date; JSON fixtures keep the string). */
  deletionTimestamp?: Date | string;
}

export interface KubeContainer {
  name: string;
  image?: string;
  /** `Always` on an init container makes it a native sidecar (Kubernetes ≥ 1.29). */
  restartPolicy?: string;
}

export interface KubePod {
  metadata?: KubeMeta;
  spec?: { nodeName?: string; containers: KubeContainer[]; initContainers?: KubeContainer[] };
  status?: { phase?: string; podIP?: string; conditions?: { type: string; status: string }[] };
}

export interface KubeNode {
  metadata?: KubeMeta;
}

export interface KubeNamespace {
  metadata?: KubeMeta;
}

export interface KubeGateway {
  metadata?: KubeMeta;
  spec?: { gatewayClassName?: string };
}

export interface ClusterObjects {
  nodes: KubeNode[];
  namespaces: KubeNamespace[];
  pods: KubePod[];
  gateways: KubeGateway[];
}
