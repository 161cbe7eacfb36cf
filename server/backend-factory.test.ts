import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOAD } from '../lib/mesh/policies';
import { loadKubeConfig } from '../backends/kind/index';
import { createBackend } from './backend-factory';

const saved = process.env.KUBECONFIG;
afterEach(() => {
  if (saved === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = saved;
});

function kubeconfigFile(contexts: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kubeconfig-')), 'config');
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: c',
    '  cluster:',
    '    server: https://127.0.0.1:6443',
    'users:',
    '- name: u',
    '  user:',
    '    token: t',
    'contexts:',
    ...contexts.flatMap((name) => [`- name: ${name}`, '  context:', '    cluster: c', '    user: u']),
    `current-context: ${contexts[0] ?? '""'}`,
  ].join('\n');
  writeFileSync(file, yaml);
  return file;
}

describe('createBackend', () => {
  it('lab by default; kind on the kubeconfig context asked for', () => {
    expect(createBackend('lab', { root: '/nowhere', load: DEFAULT_LOAD, labTier: 'auto' }).name).toBe('lab');
    process.env.KUBECONFIG = kubeconfigFile(['kind-meshstage', 'prod']);
    const kind = createBackend('kind', { root: '/nowhere', load: DEFAULT_LOAD, labTier: 'auto', kubeContext: 'prod' });
    expect(kind.name).toBe('kind');
    expect(kind.status()).toMatchObject({ state: 'starting', variant: 'prod' });
  });

  it('says exactly what is wrong with the kubeconfig', () => {
    process.env.KUBECONFIG = kubeconfigFile(['kind-meshstage']);
    expect(() => loadKubeConfig('staging')).toThrow('KUBE_CONTEXT "staging" is not in the kubeconfig (contexts: kind-meshstage)');
    process.env.KUBECONFIG = kubeconfigFile([]);
    expect(() => loadKubeConfig()).toThrow(/needs a kubeconfig: run npm run cluster:up/);
    process.env.KUBECONFIG = '/nonexistent/kubeconfig';
    expect(() => loadKubeConfig()).toThrow(/cannot read the kubeconfig \(KUBECONFIG=\/nonexistent\/kubeconfig\): ENOENT/);
  });
});
