// The presenter's kubeconfig, read as kubectl reads it, with errors that say what to do.
import * as k8s from '@kubernetes/client-node';

/** The presenter's kubeconfig (KUBECONFIG or ~/.kube/config), switched to `context` if given. */
export function loadKubeConfig(context?: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  try {
    kc.loadFromDefault();
  } catch (error) {
    throw new Error(
      `MESH_BACKEND=kind cannot read the kubeconfig${process.env.KUBECONFIG ? ` (KUBECONFIG=${process.env.KUBECONFIG})` : ''}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const contexts = kc.getContexts().map((c) => c.name);
  if (contexts.length === 0) throw new Error('MESH_BACKEND=kind needs a kubeconfig: run npm run cluster:up, or set KUBECONFIG');
  if (context) {
    if (!contexts.includes(context)) throw new Error(`KUBE_CONTEXT "${context}" is not in the kubeconfig (contexts: ${contexts.join(', ')})`);
    kc.setCurrentContext(context);
  }
  return kc;
}
