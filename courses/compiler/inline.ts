// Markdown phrasing content → structured inline text. Everything not listed is refused: raw HTML
// (content cannot run code), link definitions, unsafe link schemes.

import type { PhrasingContent } from 'mdast';
import type { Diagnostics, SourcePosition } from './errors.ts';
import type { Inline } from './types.ts';
import { checkAttributes, readId } from './attributes.ts';

/** Where a glossary term or a citation is used, to check the id once the course is loaded. */
export interface Reference { id: string; file: string; position: SourcePosition | undefined }

export interface BlankSource {
  answer: string;
  accept: string[];
  options: string[] | undefined;
  position: SourcePosition | undefined;
}

export interface InlineContext {
  file: string;
  diagnostics: Diagnostics;
  terms: Reference[];
  citations: Reference[];
  /** Set only inside a `fill` interaction: `:blank` is allowed there and collected here. */
  blanks?: BlankSource[];
}

type Positioned = { position?: { start: { line: number; column: number } } | undefined };

export function positionOf(node: Positioned | undefined): SourcePosition | undefined {
  const start = node?.position?.start;
  return start ? { line: start.line, column: start.column } : undefined;
}

const SCHEME_PATTERN = /^([a-z][a-z0-9+.-]*):/;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

/** http(s), mailto and relative links only; `javascript:`, `data:`, `vbscript:`, `//host` are refused. */
export function isSafeLink(url: string): boolean {
  // Browsers ignore tabs, newlines and leading control characters inside a scheme, so a check
  // must too (`java\tscript:` is `javascript:` to a browser).
  const normalised = url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  if (normalised.startsWith('//') || normalised.startsWith('\\')) return false;
  const scheme = SCHEME_PATTERN.exec(normalised)?.[1];
  if (scheme === undefined) {
    // A colon after the first `/`, `?` or `#` belongs to a relative path, query or fragment.
    const colon = normalised.indexOf(':');
    if (colon === -1) return true;
    const pathStart = normalised.search(/[/?#]/);
    return pathStart !== -1 && pathStart < colon;
  }
  return ALLOWED_SCHEMES.has(scheme);
}

export function convertInline(nodes: PhrasingContent[], context: InlineContext): Inline[] {
  // Adjacent text is merged and empty text dropped, so the same sentence always has one shape
  // (a translation round trip compares equal).
  const result: Inline[] = [];
  for (const node of nodes) {
    const converted = convertOne(node, context);
    const last = result.at(-1);
    if (!converted || (converted.type === 'text' && converted.value === '')) continue;
    if (converted.type === 'text' && last?.type === 'text') result[result.length - 1] = { type: 'text', value: last.value + converted.value };
    else result.push(converted);
  }
  return result;
}

function convertOne(node: PhrasingContent, context: InlineContext): Inline | undefined {
  const { file, diagnostics } = context;
  const position = positionOf(node);
  switch (node.type) {
    case 'text':
      return { type: 'text', value: node.value };
    case 'emphasis':
      return { type: 'emphasis', children: convertInline(node.children, context) };
    case 'strong':
      return { type: 'strong', children: convertInline(node.children, context) };
    case 'inlineCode':
      return { type: 'code', value: node.value };
    case 'break':
      return { type: 'break' };
    case 'link':
      if (!isSafeLink(node.url)) {
        diagnostics.error('unsafe-link', file, position, `link to '${node.url}' is not allowed: use https://, http://, mailto: or a relative path`);
        return undefined;
      }
      return { type: 'link', href: node.url, children: convertInline(node.children, context) };
    case 'html':
      diagnostics.error('raw-html', file, position, `raw HTML is not allowed in course content: '${node.value.slice(0, 40)}'`);
      return undefined;
    case 'image':
      diagnostics.error('image', file, position, 'put an image on a line of its own, not inside text');
      return undefined;
    case 'linkReference':
    case 'imageReference':
      diagnostics.error('markdown', file, position, 'reference-style links are not supported: write [text](https://…) in place');
      return undefined;
    case 'textDirective':
      return convertTextDirective(node, context);
    default:
      diagnostics.error('markdown', file, position, `'${node.type}' is not part of the course format`);
      return undefined;
  }
}

function plainText(nodes: PhrasingContent[]): string {
  return nodes.map((node) => ('value' in node && typeof node.value === 'string' ? node.value : 'children' in node ? plainText(node.children as PhrasingContent[]) : '')).join('');
}

function convertTextDirective(node: Extract<PhrasingContent, { type: 'textDirective' }>, context: InlineContext): Inline | undefined {
  const { file, diagnostics } = context;
  const position = positionOf(node);
  const attributes = (node.attributes ?? {}) as Record<string, string>;
  if (node.name === 'term') {
    checkAttributes(attributes, ['id'], ':term', file, position, diagnostics);
    const id = readId(attributes, true, ':term (the glossary id)', file, position, diagnostics);
    if (id) context.terms.push({ id, file, position });
    return { type: 'term', glossaryId: id ?? '', children: convertInline(node.children, context) };
  }
  if (node.name === 'cite') {
    checkAttributes(attributes, ['id', 'page'], ':cite', file, position, diagnostics);
    const id = readId(attributes, true, ':cite (the source id)', file, position, diagnostics);
    if (id) context.citations.push({ id, file, position });
    const page = attributes['page'];
    return page ? { type: 'cite', sourceId: id ?? '', page } : { type: 'cite', sourceId: id ?? '' };
  }
  if (node.name === 'blank' && context.blanks) {
    checkAttributes(attributes, ['accept', 'options'], ':blank', file, position, diagnostics);
    const answer = plainText(node.children).trim();
    if (answer === '') diagnostics.error('no-correct-answer', file, position, ':blank needs its answer in brackets: :blank[answer]');
    const split = (value: string | undefined): string[] => (value ?? '').split('|').map((part) => part.trim()).filter((part) => part !== '');
    const options = attributes['options'] === undefined ? undefined : split(attributes['options']);
    if (options && options.length === 0) diagnostics.error('structure', file, position, ':blank options must list at least one wrong option, separated by |');
    if (options && attributes['accept'] !== undefined) diagnostics.error('structure', file, position, ':blank cannot have both accept (typed) and options (drop-down)');
    context.blanks.push({ answer, accept: split(attributes['accept']), options, position });
    return { type: 'blank', index: context.blanks.length - 1 };
  }
  const allowed = context.blanks ? ':term, :cite or :blank' : ':term or :cite';
  diagnostics.error('unknown-directive', file, position, `unknown text directive ':${node.name}' (allowed here: ${allowed}); write \\: for a literal colon`);
  return undefined;
}
