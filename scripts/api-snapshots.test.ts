// The public surfaces, snapshotted (as Slidev's test/api-snapshots.test.ts does for its packages):
// the socket contract — every command with who may send it, its ack's wait and its payload's JSON
// schema, every server event with its payload type — and each backend's one public face. A change
// to any of them shows in review as a change to __snapshots__/api-snapshots.test.ts.snap;
// `npx vitest run --project unit scripts/api-snapshots.test.ts --update` accepts it.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMAND_EVENTS, COMMANDS } from '../lib/contract/commands';
import { ackTimeoutMs, IDENTITY_COMMANDS } from '../lib/contract/client-commands';
import { CommandMetaSchema, PresenterHelloSchema } from '../lib/contract/schemas';

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

/** A type spelled out: an object's properties (or a union's members, a function's parameters and
 *  result) down to `depth` levels, so a renamed field anywhere a surface carries shows. */
type Shape = string | { [key: string]: Shape } | Shape[];
function shape(type: ts.Type, depth = 4, seen = new Set<ts.Type>()): Shape {
  const text = typeText(type);
  if (
    depth === 0 ||
    seen.has(type) ||
    type.flags &
      (ts.TypeFlags.StringLike |
        ts.TypeFlags.NumberLike |
        ts.TypeFlags.BooleanLike |
        ts.TypeFlags.BigIntLike |
        ts.TypeFlags.Null |
        ts.TypeFlags.Undefined |
        ts.TypeFlags.Void |
        ts.TypeFlags.Any |
        ts.TypeFlags.Unknown |
        ts.TypeFlags.Never |
        ts.TypeFlags.EnumLike)
  )
    return text;
  const next = new Set(seen).add(type);
  if (type.isUnion()) return type.types.some((t) => t.flags & ts.TypeFlags.Object) ? type.types.map((t) => shape(t, depth - 1, next)) : text;
  const calls = type.getCallSignatures();
  if (calls.length === 1) {
    const sig = calls[0]!;
    const params = Object.fromEntries(sig.getParameters().map((p) => [p.name, shape(checker.getTypeOfSymbol(p), depth - 1, next)]));
    return { '(…)': params, '=>': shape(sig.getReturnType(), depth - 1, next) };
  }
  if (checker.isArrayType(type)) return [shape(checker.getTypeArguments(type as ts.TypeReference)[0]!, depth - 1, next)];
  // A tuple (a packed wire format) by its elements, not by the array methods it inherits (whose
  // symbol names carry the checker's internal ids and move with every new file).
  if (checker.isTupleType(type)) {
    const target = (type as ts.TupleTypeReference).target;
    return checker.getTypeArguments(type as ts.TypeReference).map((t, i) => {
      const optional = target.elementFlags[i]! & ts.ElementFlags.Optional ? '?' : '';
      return optional ? { [`${i}?`]: shape(t, depth - 1, next) } : shape(t, depth - 1, next);
    });
  }
  const props = type.getProperties();
  if (!(type.flags & ts.TypeFlags.Object) || props.length === 0 || /^(Promise|Map|Set|Date|ReadonlySet|ReadonlyMap)</.test(text)) return text;
  return Object.fromEntries(props.map((p) => [p.name, shape(checker.getTypeOfSymbol(p), depth - 1, next)]));
}

/** A module's exports, each spelled out: a value's type, a type's shape, a class's constructor and
 *  public members. */
function exportsOf(file: string): Record<string, Shape> {
  const source = program.getSourceFile(path.join(ROOT, file))!;
  const symbol = checker.getSymbolAtLocation(source)!;
  return Object.fromEntries(
    checker.getExportsOfModule(symbol).map((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      if (target.flags & ts.SymbolFlags.Class) {
        const ctor = checker.getTypeOfSymbol(target);
        const instance = checker.getDeclaredTypeOfSymbol(target);
        const members = instance.getProperties().filter((p) => !p.name.startsWith('#') && !p.name.startsWith('__'));
        return [
          s.name,
          {
            new: ctor.getConstructSignatures().map((c) =>
              c
                .getParameters()
                .map((p) => `${p.name}: ${typeText(checker.getTypeOfSymbol(p))}`)
                .join(', '),
            ),
            ...Object.fromEntries(members.map((p) => [p.name, typeText(checker.getTypeOfSymbol(p))])),
          },
        ];
      }
      if (target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) return [s.name, shape(checker.getDeclaredTypeOfSymbol(target))];
      return [s.name, typeText(checker.getTypeOfSymbol(target))];
    }),
  );
}

/** An interface's members, each spelled out (the socket's event maps, the backend port). */
function membersOf(file: string, name: string): Record<string, Shape> {
  const source = program.getSourceFile(path.join(ROOT, file))!;
  const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name)!;
  const type = checker.getTypeAtLocation(decl);
  return Object.fromEntries(type.getProperties().map((p) => [p.name, shape(checker.getTypeOfSymbol(p))]));
}

/** A type alias spelled out, one union member a line (the lab controller's protocol). */
function aliasOf(file: string, name: string): Shape[] {
  const source = program.getSourceFile(path.join(ROOT, file))!;
  const decl = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name)!;
  const type = checker.getTypeAtLocation(decl);
  return (type.isUnion() ? type.types : [type]).map((t) => shape(t));
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

  it("every command's optional second argument (its id for retries), a presenter window's handshake, and an ack", () => {
    expect({
      meta: z.toJSONSchema(CommandMetaSchema),
      presenterHello: z.toJSONSchema(PresenterHelloSchema, { io: 'input' }),
      commandError: membersOf('lib/contract/ack.ts', 'CommandError'),
    }).toMatchSnapshot();
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
