// Attributes: the closed set each directive accepts, and the `{#id key=value}` suffix that
// headings, paragraphs and list items may end with (remark-directive only parses attributes on
// directives, so the suffix is read here with the same grammar).

import type { Diagnostics, SourcePosition } from './errors.ts';
import { ID_RULE, isValidId } from './ids.ts';

export type Attributes = Record<string, string>;

const SUFFIX_PATTERN = /\s*\{([^{}]*)\}\s*$/;
const PAIR_PATTERN = /\s*(?:#([^\s"'=]+)|([A-Za-z][\w-]*)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?)/y;

/** Parses `#id key=value key="a b" flag` into attributes; returns undefined when malformed. */
export function parseAttributeList(source: string): Attributes | undefined {
  const attributes: Attributes = {};
  PAIR_PATTERN.lastIndex = 0;
  let rest = source.trim();
  while (rest.length > 0) {
    PAIR_PATTERN.lastIndex = 0;
    const match = PAIR_PATTERN.exec(rest);
    if (!match || match[0].length === 0) return undefined;
    if (match[1] !== undefined) attributes['id'] = match[1];
    else if (match[2] !== undefined) attributes[match[2]] = match[3] ?? match[4] ?? match[5] ?? '';
    rest = rest.slice(match[0].length).trimStart();
  }
  return attributes;
}

/** Splits a trailing `{…}` off a text; `text` is returned unchanged when there is none. */
export function splitAttributeSuffix(text: string): { text: string; attributes: Attributes | undefined; suffix: string } {
  const match = SUFFIX_PATTERN.exec(text);
  if (!match) return { text, attributes: undefined, suffix: '' };
  const attributes = parseAttributeList(match[1] ?? '');
  if (!attributes) return { text, attributes: undefined, suffix: '' };
  return { text: text.slice(0, match.index), attributes, suffix: match[0] };
}

// Event handlers, styles and URLs in attributes are how markup runs code or loads things; they are
// named here so the message says why rather than just "unknown".
function isScriptLike(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('on') || lower === 'style' || lower === 'href' || lower === 'srcdoc' || lower === 'class';
}

/** Reports every attribute outside `allowed`; returns whether all were allowed. */
export function checkAttributes(
  attributes: Attributes,
  allowed: readonly string[],
  where: string,
  file: string,
  position: SourcePosition | undefined,
  diagnostics: Diagnostics,
): boolean {
  let isValid = true;
  for (const name of Object.keys(attributes)) {
    if (allowed.includes(name)) continue;
    isValid = false;
    if (isScriptLike(name)) {
      diagnostics.error('unsafe-attribute', file, position, `attribute '${name}' is not allowed on ${where}: content cannot run code or carry styles`);
    } else {
      const list = allowed.length > 0 ? allowed.map((a) => (a === 'id' ? '#id' : a)).join(', ') : 'none';
      diagnostics.error('unknown-attribute', file, position, `unknown attribute '${name}' on ${where} (allowed: ${list})`);
    }
  }
  return isValid;
}

/** Reads a required or optional id and checks its form. */
export function readId(
  attributes: Attributes,
  isRequired: boolean,
  where: string,
  file: string,
  position: SourcePosition | undefined,
  diagnostics: Diagnostics,
): string | undefined {
  const id = attributes['id'];
  if (id === undefined || id === '') {
    if (isRequired) diagnostics.error('missing-id', file, position, `${where} needs an id: write {#some-id}`);
    return undefined;
  }
  if (!isValidId(id)) {
    diagnostics.error('invalid-id', file, position, `id '${id}' on ${where} is not valid: use ${ID_RULE}`);
    return undefined;
  }
  return id;
}
