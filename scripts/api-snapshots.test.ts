// The public surfaces, snapshotted (as Slidev's test/api-snapshots.test.ts does for its packages):
// the socket contract — every command with who may send it, its ack's wait and its payload's JSON
// schema, every server event with its payload type — and each backend's one public face. A change
// to any of them shows in review as a change to __snapshots__/api-snapshots.test.ts.snap;
// `npx vitest run -u scripts/api-snapshots.test.ts` accepts it.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMAND_EVENTS, COMMANDS } from '../lib/contract/commands';
import { ackTimeoutMs, IDENTITY_COMMANDS } from '../lib/contract/client-commands';

const ROOT = path.resolve(import.meta.dirname, '..');
const FACES = [
  'backends/seam/index.ts',
  'backends/lab/index.ts',
  'backends/kind/index.ts',
  'backends/replay/index.ts',
  'backends/mock/index.ts',
  'content/load-deck.ts',
];
const CONTRACT = ['lib/contract/events.ts', 'lib/contract/commands.ts', 'backends/seam/mesh-backend.ts', 'backends/lab/controller/controller-protocol.ts'];

const program = ts.createProgram(
  [...FACES, ...CONTRACT].map((f) => path.join(ROOT, f)),
  ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!.options,
);
const checker = program.getTypeChecker();
const typeText = (t: ts.Type) =>
  checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType).replace(/import\("[^"]*"\)\./g, '');

/** A module's exports: each name with what it is (its type, or its kind for a type or class). */
function exportsOf(file: string): Record<string, string> {
  const source = program.getSourceFile(path.join(ROOT, file))!;
  const symbol = checker.getSymbolAtLocation(source)!;
  return Object.fromEntries(
    checker.getExportsOfModule(symbol).map((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      if (target.flags & ts.SymbolFlags.Class) return [s.name, 'class'];
      if (target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) return [s.name, 'type'];
      return [s.name, typeText(checker.getTypeOfSymbol(target))];
    }),
  );
}

/** An interface's members with their types (the socket's event maps, the backend port). */
function membersOf(file: string, name: string): Record<string, string> {
  const source = program.getSourceFile(path.join(ROOT, file))!;
  const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name)!;
  const type = checker.getTypeAtLocation(decl);
  return Object.fromEntries(type.getProperties().map((p) => [p.name, typeText(checker.getTypeOfSymbol(p))]));
}

/** A type alias spelled out, one union member a line (the lab controller's protocol). */
function aliasOf(file: string, name: string): string[] {
  const source = program.getSourceFile(path.join(ROOT, file))!;
  const decl = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name)!;
  const type = checker.getTypeAtLocation(decl);
  return (type.isUnion() ? type.types : [type]).map(typeText);
}

describe('public surfaces', () => {
  it('the command table: who may send each command, how long its ack may take, its payload', () => {
    const table = Object.fromEntries(
      COMMAND_EVENTS.map((event) => {
        const spec = COMMANDS[event];
        return [
          event,
          {
            access: spec.access,
            ...('refusal' in spec ? { refusal: spec.refusal } : {}),
            identity: IDENTITY_COMMANDS.has(event),
            ackTimeoutMs: ackTimeoutMs(event),
            payload: z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any' }),
          },
        ];
      }),
    );
    expect(table).toMatchSnapshot();
  });

  it('the server events and what each carries', () => {
    expect(membersOf('lib/contract/events.ts', 'ServerToClientEvents')).toMatchSnapshot();
  });

  it('the port every backend implements', () => {
    expect(membersOf('backends/seam/mesh-backend.ts', 'MeshBackend')).toMatchSnapshot();
  });

  it('the lab controller’s protocol with the web server', () => {
    const file = 'backends/lab/controller/controller-protocol.ts';
    expect({
      LabCommand: aliasOf(file, 'LabCommand'),
      LabCommandResults: membersOf(file, 'LabCommandResults'),
      LabMessage: aliasOf(file, 'LabMessage'),
    }).toMatchSnapshot();
  });

  it.each(FACES)('the public face %s', (file) => {
    expect(exportsOf(file)).toMatchSnapshot();
  });
});
