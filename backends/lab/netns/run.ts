import { execFile } from 'node:child_process';

export class CommandError extends Error {
  constructor(
    readonly argv: string[],
    readonly stderr: string,
  ) {
    super(`${argv.join(' ')} failed: ${stderr.trim() || 'no output'}`);
    this.name = 'CommandError';
  }
}

/** Runs a command without a shell; rejects with the command line and its stderr. */
export function run(argv: string[], options: { allowFail?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(argv[0]!, argv.slice(1), { maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && !options.allowFail) reject(new CommandError(argv, String(stderr || error.message)));
      else resolve(String(stdout));
    });
  });
}

export const inNs = (ns: string, argv: string[]) => ['ip', 'netns', 'exec', ns, ...argv];
