// What the Go-built test suites share: the pins of backends/kind/cluster/versions.env (the one source
// for versions) and a module's folder in Go's module cache (downloaded through the module proxy).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A pin from backends/kind/cluster/versions.env. */
export function pin(name) {
  const value = new RegExp(`^${name}=(.+)$`, 'm').exec(readFileSync('backends/kind/cluster/versions.env', 'utf8'))?.[1]?.trim();
  if (!value) throw new Error(`backends/kind/cluster/versions.env has no ${name}`);
  return value;
}

/** Downloads `module` (`module@version`, or a bare module at the version `cwd`'s go.mod requires)
 *  into Go's module cache and returns its folder. */
export function moduleDir(go, module, cwd) {
  return JSON.parse(execFileSync(go, ['mod', 'download', '-json', module], { cwd, encoding: 'utf8' })).Dir;
}
