// A small XML reader for XLIFF files, with line numbers for every element (the messages a
// translator gets must point at the unit). It refuses DOCTYPE, so no entity expansion or external
// entity can be smuggled in through a returned translation file.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  line: number;
  column: number;
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /[A-Za-z_:][\w.:-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

export function decodeEntities(text: string, line: number): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_match, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    const value = ENTITIES[entity];
    if (value === undefined) throw new XmlError(`unknown entity &${entity};`, line, 1);
    return value;
  });
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function parseXml(source: string): XmlElement {
  let index = 0;
  let line = 1;
  let lineStart = 0;
  const advance = (to: number): void => {
    for (let at = index; at < to; at += 1) {
      if (source.charCodeAt(at) === 10) {
        line += 1;
        lineStart = at + 1;
      }
    }
    index = to;
  };
  const fail = (message: string): never => {
    throw new XmlError(message, line, index - lineStart + 1);
  };
  const root: XmlElement = { name: '#document', attributes: {}, children: [], line: 1, column: 1 };
  const stack: XmlElement[] = [root];
  while (index < source.length) {
    const current = stack.at(-1) ?? fail('unbalanced elements');
    const next = source.indexOf('<', index);
    if (next === -1 || next > index) {
      const end = next === -1 ? source.length : next;
      const text = source.slice(index, end);
      if (stack.length > 1) current.children.push(decodeEntities(text, line));
      else if (text.trim() !== '') fail('text outside the root element');
      advance(end);
      continue;
    }
    if (source.startsWith('<?', index)) advance(closeOf('?>') + 2);
    else if (source.startsWith('<!--', index)) advance(closeOf('-->') + 3);
    else if (source.startsWith('<![CDATA[', index)) {
      const end = closeOf(']]>');
      current.children.push(source.slice(index + 9, end));
      advance(end + 3);
    } else if (source.startsWith('<!', index)) fail('DOCTYPE and declarations are not allowed in XLIFF files');
    else if (source.startsWith('</', index)) {
      NAME.lastIndex = index + 2;
      const name = NAME.exec(source)?.[0] ?? fail('malformed closing tag');
      if (name !== current.name) fail(`closing tag </${name}> does not match <${current.name}>`);
      stack.pop();
      advance(closeOf('>') + 1);
    } else {
      const element = readStartTag();
      current.children.push(element.element);
      if (!element.isSelfClosing) stack.push(element.element);
    }
  }
  if (stack.length > 1) fail(`<${stack.at(-1)?.name}> is not closed`);
  const top = root.children.find((child): child is XmlElement => typeof child !== 'string');
  return top ?? fail('no root element');

  function closeOf(marker: string): number {
    const end = source.indexOf(marker, index);
    return end === -1 ? fail(`'${marker}' expected`) : end;
  }

  function readStartTag(): { element: XmlElement; isSelfClosing: boolean } {
    const startLine = line;
    const startColumn = index - lineStart + 1;
    NAME.lastIndex = index + 1;
    const name = NAME.exec(source)?.[0] ?? fail('malformed tag');
    let at = index + 1 + name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      ATTRIBUTE.lastIndex = at;
      const match = ATTRIBUTE.exec(source);
      if (!match) break;
      attributes[match[1] ?? ''] = decodeEntities(match[2] ?? match[3] ?? '', line);
      at = ATTRIBUTE.lastIndex;
    }
    const rest = /\s*(\/?)>/y;
    rest.lastIndex = at;
    const end = rest.exec(source) ?? fail(`malformed tag <${name}>`);
    advance(rest.lastIndex);
    return { element: { name, attributes, children: [], line: startLine, column: startColumn }, isSelfClosing: end[1] === '/' };
  }
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && (name === undefined || child.name === name));
}

export function textContent(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textContent(child))).join('');
}
