// Translatable units: ids by position inside a named scope, and what a translator needs to know
// about each (where it is, how long it may be).

import type { Inline, Text } from './types.ts';

export interface UnitInfo {
  unit: string;
  /** The XLIFF <file> this unit belongs to: `course`, `lesson-<id>` or `bank-<id>`. */
  group: string;
  file: string;
  line: number;
  /** A short description for the translator: which lesson, which part. */
  context: string;
  maxLength?: number;
}

export class UnitRegistry {
  readonly units = new Map<string, UnitInfo>();
  readonly duplicates: UnitInfo[] = [];

  register(info: UnitInfo): void {
    if (this.units.has(info.unit)) this.duplicates.push(info);
    else this.units.set(info.unit, info);
  }
}

/** Numbers units in order inside one scope: `<prefix>.1`, `<prefix>.2`… */
export class UnitScope {
  private count = 0;
  constructor(readonly prefix: string) {}

  next(): string {
    this.count += 1;
    return `${this.prefix}.${this.count}`;
  }

  named(name: string): string {
    return `${this.prefix}.${name}`;
  }

  child(name: string): UnitScope {
    return new UnitScope(`${this.prefix}.${name}`);
  }
}

export function makeText(unit: string, content: Inline[]): Text {
  return { unit, content };
}

export function plainInline(value: string): Inline[] {
  return value === '' ? [] : [{ type: 'text', value }];
}

/** The text of inline content without formatting (for xAPI descriptions, titles in notes). */
export function inlineToPlain(content: Inline[]): string {
  return content
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'code':
          return node.value;
        case 'break':
          return ' ';
        case 'cite':
          return '';
        case 'blank':
          return '___';
        default:
          return inlineToPlain(node.children);
      }
    })
    .join('');
}

function isText(value: unknown): value is Text {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['unit'] === 'string' && Array.isArray(record['content']);
}

/** Every Text inside a compiled value, in document order (the `xapi` definitions are derived, skipped). */
export function collectTexts(value: unknown, into: Text[] = []): Text[] {
  if (Array.isArray(value)) {
    for (const item of value) collectTexts(item, into);
  } else if (isText(value)) {
    into.push(value);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) if (key !== 'xapi') collectTexts(child, into);
  }
  return into;
}
