// Inline content ↔ XLIFF 2 inline markup. Formatting becomes `<pc>` (paired: emphasis, strong,
// link, glossary term) or `<ph>` (standalone: code, line break, citation, blank), numbered in
// document order. A target is mapped back through those numbers onto the source's own nodes, so a
// translation can move or re-word formatting but can never change a link target or an answer.

import { createHash } from 'node:crypto';
import type { Inline } from '../types.ts';
import type { XmlElement, XmlNode } from './xml.ts';
import { escapeXml } from './xml.ts';

type Paired = Extract<Inline, { children: Inline[] }>;
type Standalone = Exclude<Inline, Paired | { type: 'text' }>;

/** Placeholder number → the source node it stands for. */
export type PlaceholderMap = Map<string, Paired | Standalone>;

function pairedAttributes(node: Paired): string {
  switch (node.type) {
    case 'emphasis':
      return 'type="fmt" subType="xlf:i" disp="italic"';
    case 'strong':
      return 'type="fmt" subType="xlf:b" disp="bold"';
    case 'link':
      return `type="link" disp="${escapeXml(node.href)}"`;
    case 'term':
      return `type="other" disp="glossary term: ${escapeXml(node.glossaryId)}"`;
  }
}

function standaloneAttributes(node: Standalone): string {
  switch (node.type) {
    case 'code':
      return `type="other" disp="${escapeXml(node.value)}"`;
    case 'break':
      return 'type="fmt" subType="xlf:lb" disp="line break"';
    case 'cite':
      return `type="other" disp="citation: ${escapeXml(node.sourceId)}"`;
    case 'blank':
      return `type="other" disp="blank ${node.index + 1}"`;
  }
}

/** The XLIFF inline markup of `content` and the map of its placeholders. */
export function toXliffInline(content: Inline[]): { markup: string; placeholders: PlaceholderMap } {
  const placeholders: PlaceholderMap = new Map();
  const write = (nodes: Inline[]): string =>
    nodes
      .map((node) => {
        if (node.type === 'text') return escapeXml(node.value);
        const id = String(placeholders.size + 1);
        placeholders.set(id, node);
        if ('children' in node) return `<pc id="${id}" canDelete="no" ${pairedAttributes(node)}>${write(node.children)}</pc>`;
        return `<ph id="${id}" canDelete="no" ${standaloneAttributes(node)}/>`;
      })
      .join('');
  return { markup: write(content), placeholders };
}

export const SOURCE_HASH_LENGTH = 16;

/** A hash of the source text as the translator sees it; a change means the translation is stale. */
export function sourceHash(content: Inline[]): string {
  return createHash('sha256').update(toXliffInline(content).markup).digest('hex').slice(0, SOURCE_HASH_LENGTH);
}

export class PlaceholderError extends Error {}

/**
 * Builds inline content from a `<target>` using the source's placeholders. Every placeholder must
 * appear exactly once, with the same kind (pc or ph) as in the source.
 */
export function fromXliffInline(target: XmlElement, placeholders: PlaceholderMap): Inline[] {
  const used = new Set<string>();
  const read = (nodes: XmlNode[]): Inline[] => {
    const result: Inline[] = [];
    for (const node of nodes) {
      if (typeof node === 'string') {
        if (node !== '') result.push({ type: 'text', value: node });
        continue;
      }
      const id = node.attributes['id'] ?? '';
      const source = placeholders.get(id);
      if (node.name !== 'pc' && node.name !== 'ph') throw new PlaceholderError(`<${node.name}> is not allowed in a target (only <pc> and <ph> from the source)`);
      if (!source) throw new PlaceholderError(`placeholder id="${id}" is not in the source`);
      if (used.has(id)) throw new PlaceholderError(`placeholder id="${id}" appears twice`);
      used.add(id);
      const isPaired = 'children' in source;
      if (isPaired !== (node.name === 'pc')) throw new PlaceholderError(`placeholder id="${id}" must be <${isPaired ? 'pc' : 'ph'}> as in the source`);
      if ('children' in source) result.push({ ...source, children: read(node.children) });
      else if (node.children.length > 0) throw new PlaceholderError(`<ph id="${id}"> must be empty`);
      else result.push(source);
    }
    return result;
  };
  const content = read(target.children);
  const missing = [...placeholders.keys()].filter((id) => !used.has(id));
  if (missing.length > 0) throw new PlaceholderError(`placeholder${missing.length > 1 ? 's' : ''} ${missing.map((id) => `id="${id}"`).join(', ')} missing from the target`);
  return mergeTexts(content);
}

function mergeTexts(nodes: Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (node.type === 'text' && last?.type === 'text') merged[merged.length - 1] = { type: 'text', value: last.value + node.value };
    else merged.push(node);
  }
  return merged;
}
