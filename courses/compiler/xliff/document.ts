// Reading and writing our XLIFF 2.1 files. Written by hand rather than with the `xliff` package:
// that package writes version 2.0 and drops line numbers when reading, and every message to a
// translator must point at a line.

import type { Inline } from '../types.ts';
import type { UnitInfo } from '../units.ts';
import { toXliffInline } from './inline-xliff.ts';
import type { XmlElement } from './xml.ts';
import { childElements, escapeXml, parseXml, textContent } from './xml.ts';

export const XLIFF_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';
export const XLIFF_VERSION = '2.1';

export interface StoredUnit {
  id: string;
  /** The hash of the source text this translation was made from. */
  hash: string | undefined;
  source: XmlElement;
  target: XmlElement | undefined;
  state: string;
  line: number;
}

export interface XliffDocument {
  sourceLocale: string;
  targetLocale: string;
  units: Map<string, StoredUnit>;
}

export class XliffFormatError extends Error {
  constructor(message: string, readonly line: number, readonly column = 1) {
    super(message);
  }
}

/** Reads a translation file; throws XliffFormatError (with a line) when it is not one of ours. */
export function readXliff(text: string): XliffDocument {
  const root = parseXml(text);
  if (root.name !== 'xliff') throw new XliffFormatError('the root element must be <xliff>', root.line);
  if (!root.attributes['version']?.startsWith('2.')) throw new XliffFormatError(`XLIFF version ${root.attributes['version'] ?? '(none)'} is not supported: use 2.0 or 2.1`, root.line);
  const units = new Map<string, StoredUnit>();
  for (const file of childElements(root, 'file')) {
    for (const unit of childElements(file, 'unit').concat(childElements(file, 'group').flatMap((group) => childElements(group, 'unit')))) {
      const id = unit.attributes['id'] ?? '';
      if (units.has(id)) throw new XliffFormatError(`unit '${id}' appears twice`, unit.line);
      const segments = childElements(unit, 'segment');
      const segment = segments[0];
      if (!segment || segments.length > 1) throw new XliffFormatError(`unit '${id}' must have exactly one <segment>`, unit.line);
      const source = childElements(segment, 'source')[0];
      if (!source) throw new XliffFormatError(`unit '${id}' has no <source>`, segment.line);
      const notes = childElements(unit, 'notes').flatMap((notesElement) => childElements(notesElement, 'note'));
      const hash = notes.find((note) => note.attributes['category'] === 'source-hash');
      const target = childElements(segment, 'target')[0];
      const hasTarget = target !== undefined && (textContent(target).trim() !== '' || childElements(target).length > 0);
      units.set(id, { id, hash: hash ? textContent(hash).trim() : undefined, source, target: hasTarget ? target : undefined, state: segment.attributes['state'] ?? 'initial', line: unit.line });
    }
  }
  return { sourceLocale: root.attributes['srcLang'] ?? '', targetLocale: root.attributes['trgLang'] ?? '', units };
}

export interface UnitToWrite {
  info: UnitInfo;
  source: Inline[];
  /** Inner markup of an existing target, kept as the translator wrote it. */
  targetMarkup: string | undefined;
  hash: string;
  state: 'initial' | 'translated' | 'reviewed' | 'final';
  needsReview: boolean;
}

/** Serialises the markup inside a stored <target> back to text. */
export function innerMarkup(element: XmlElement): string {
  return element.children
    .map((child) => {
      if (typeof child === 'string') return escapeXml(child);
      const attributes = Object.entries(child.attributes).map(([key, value]) => ` ${key}="${escapeXml(value)}"`).join('');
      return child.children.length === 0 ? `<${child.name}${attributes}/>` : `<${child.name}${attributes}>${innerMarkup(child)}</${child.name}>`;
    })
    .join('');
}

export function writeXliff(sourceLocale: string, targetLocale: string, units: UnitToWrite[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NAMESPACE}" version="${XLIFF_VERSION}" srcLang="${escapeXml(sourceLocale)}" trgLang="${escapeXml(targetLocale)}">`,
  ];
  const groups = new Map<string, UnitToWrite[]>();
  for (const unit of units) groups.set(unit.info.group, [...(groups.get(unit.info.group) ?? []), unit]);
  for (const [group, groupUnits] of groups) {
    lines.push(`  <file id="${escapeXml(group)}" original="${escapeXml(groupUnits[0]?.info.file ?? '')}">`);
    for (const unit of groupUnits) {
      const { info } = unit;
      lines.push(`    <unit id="${escapeXml(info.unit)}">`, '      <notes>');
      lines.push(`        <note category="context">${escapeXml(`${info.context} (${info.file}:${info.line})`)}</note>`);
      if (info.maxLength) lines.push(`        <note category="max-length">${info.maxLength}</note>`);
      if (unit.needsReview) lines.push('        <note category="review">The English text changed after this was translated: check the translation, then set state="translated".</note>');
      lines.push(`        <note category="source-hash">${unit.hash}</note>`, '      </notes>');
      lines.push(`      <segment state="${unit.state}">`);
      lines.push(`        <source>${toXliffInline(unit.source).markup}</source>`);
      if (unit.targetMarkup !== undefined) lines.push(`        <target>${unit.targetMarkup}</target>`);
      lines.push('      </segment>', '    </unit>');
    }
    lines.push('  </file>');
  }
  lines.push('</xliff>', '');
  return lines.join('\n');
}
