import type { Inline, Text } from './course-types.ts';

/** The text of inline content without formatting (for xAPI names, titles and comparisons). */
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
        case 'blank':
          return '';
        default:
          return inlineToPlain(node.children);
      }
    })
    .join('');
}

export function textToPlain(text: Text): string {
  return inlineToPlain(text.content);
}
