// Content can never run code: every way markup could carry script is refused by the compiler.

import { describe, expect, it } from 'vitest';
import { Diagnostics } from './errors.ts';
import { activityIri } from './ids.ts';
import { isSafeLink } from './inline.ts';
import { parseLesson } from './parse-lesson.ts';
import { UnitRegistry } from './units.ts';

function lessonErrors(body: string): string[] {
  const diagnostics = new Diagnostics();
  parseLesson(`---\nid: l\ntitle: L\nestimatedMinutes: 1\nobjectives: []\n---\n\n${body}\n`, {
    file: 'l.md', diagnostics, registry: new UnitRegistry(), group: 'lesson-l', label: 'Lesson', media: [], terms: [], citations: [], interactionIds: [],
    courseId: 'c', sourceLocale: 'en', activityPathFor: (id) => `course/c/interaction/${id}`,
  });
  return diagnostics.errors.map((error) => error.format());
}

describe('content cannot run code', () => {
  it.each([
    ['inline HTML', 'Hi <img src=x onerror=alert(1)>', 'raw HTML'],
    ['an HTML block', '<script>alert(1)</script>', 'raw HTML'],
    ['an HTML comment', '<!-- <script> -->', 'raw HTML'],
    ['a javascript: link', '[x](javascript:alert(1))', 'is not allowed'],
    ['a JavaScript: link in capitals', '[x](JavaScript:alert(1))', 'is not allowed'],
    ['a data: link', '[x](data:text/html,<script>alert(1)</script>)', 'is not allowed'],
    ['a vbscript: link', '[x](vbscript:msgbox)', 'is not allowed'],
    ['an autolink to javascript:', '<javascript:alert(1)>', 'is not allowed'],
    ['an event attribute on a directive', ':::reflection{#r onmouseover="alert(1)"}\nThink.\n:::', "attribute 'onmouseover' is not allowed"],
    ['a style attribute on a directive', ':::callout{style="background:url(javascript:x)"}\nHi.\n:::', "attribute 'style' is not allowed"],
    ['an event attribute on a glossary term', ':term[x]{#t onclick=x}', "attribute 'onclick' is not allowed"],
    ['an SVG image', '![a picture](media/x.svg)', 'must be png, jpg, jpeg, webp'],
    ['an image from another site', '![a picture](https://evil.example/x.png)', "must be a file in this course's media/ folder"],
    ['an image path leaving the course', '![a picture](media/../../secret.png)', "must be a file in this course's media/ folder"],
  ])('refuses %s', (_name, body, expected) => {
    const errors = lessonErrors(body);
    expect(errors.some((error) => error.includes(expected)), errors.join('\n')).toBe(true);
  });

  it('accepts http(s), mailto and relative links only', () => {
    for (const url of ['https://nalas.eu', 'http://example.org/a?b=c:d', 'mailto:info@nalas.eu', 'sources.md', '#part', './a/b:c']) expect(isSafeLink(url), url).toBe(true);
    for (const url of ['javascript:x', ' javascript:x', 'java\tscript:x', 'data:x', 'file:///etc/passwd', '//evil.example', 'ftp://x', 'a:b']) expect(isSafeLink(url), url).toBe(false);
  });
});

describe('activity IRIs', () => {
  it('builds the IRI from the public URL and the ids, or from a compiled path', () => {
    expect(activityIri('https://academy.example/', 'lnob', 'module', 'm1', 'lesson', 'l1', 'interaction', 'q1')).toBe('https://academy.example/xapi/activities/course/lnob/module/m1/lesson/l1/interaction/q1');
    expect(activityIri('https://academy.example', 'course/lnob/module/m1')).toBe('https://academy.example/xapi/activities/course/lnob/module/m1');
    expect(activityIri('http://127.0.0.1:3000', 'c', 'module', 'a/b')).toBe('http://127.0.0.1:3000/xapi/activities/course/c/module/a%2Fb');
  });
});
