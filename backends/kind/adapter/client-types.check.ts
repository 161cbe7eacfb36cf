// Compile-time check: the client's objects fit the mapping's structural types.
import type { V1Namespace, V1Node, V1Pod } from '@kubernetes/client-node';
import type { KubeNamespace, KubeNode, KubePod } from './kube-objects';

export const podFits = (p: V1Pod): KubePod => p;
export const nodeFits = (n: V1Node): KubeNode => n;
export const namespaceFits = (n: V1Namespace): KubeNamespace => n;
