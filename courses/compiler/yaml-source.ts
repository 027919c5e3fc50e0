// YAML read with positions, checked against a schema, errors mapped back to the line of the key.

import Value from 'typebox/value';
import type { TSchema } from 'typebox';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { Diagnostics, SourcePosition } from './errors.ts';

export interface YamlSource {
  value: unknown;
  /** Position of the value at a path (`['modules', 0, 'quiz']`), or of the closest parent found. */
  positionOf: (path: (string | number)[]) => SourcePosition;
}

/** Parses YAML text; `lineOffset` places it inside a larger file (front matter). */
export function readYaml(text: string, file: string, diagnostics: Diagnostics, lineOffset = 0): YamlSource | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  if (document.errors.length > 0) {
    for (const error of document.errors) diagnostics.error('yaml', file, toPosition(error.pos[0]), `YAML: ${error.message.split('\n')[0]}`);
    return undefined;
  }
  const positionOf = (path: (string | number)[]): SourcePosition => {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = document.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return toPosition(node.range[0]);
    }
    return { line: 1 + lineOffset, column: 1 };
  };
  return { value: document.toJS(), positionOf };
}

function describe(error: { instancePath: string; keyword: string; message: string; params: Record<string, unknown> }): string {
  const where = error.instancePath === '' ? 'the file' : `'${error.instancePath.slice(1).replaceAll('/', '.')}'`;
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params['additionalProperties'] as string[] | undefined) ?? [];
    return `unknown key ${extra.map((key) => `'${key}'`).join(', ')} in ${where}`;
  }
  if (error.keyword === 'required') {
    const missing = (error.params['requiredProperties'] as string[] | undefined) ?? [];
    return `${where} is missing ${missing.length > 0 ? missing.map((key) => `'${key}'`).join(', ') : 'a required key'}`;
  }
  if (error.keyword === 'pattern' && /(^|\/)(id|bank)$/.test(error.instancePath)) return `${where} is not a valid id: use lowercase letters, digits and hyphens`;
  return `${where} ${error.message}`;
}

/** Checks a value against a schema; reports each problem at its line. Returns whether it passed. */
export function checkSchema(schema: TSchema, source: YamlSource, file: string, diagnostics: Diagnostics): boolean {
  const errors = Value.Errors(schema, source.value).filter((error) => error.keyword !== 'boolean');
  for (const error of errors) {
    const path = error.instancePath.split('/').slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    diagnostics.error('schema', file, source.positionOf(path), describe(error as unknown as Parameters<typeof describe>[0]));
  }
  return errors.length === 0;
}
