import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { compileCourses, discoverCourses } from './compiler/compile-all.ts';
import type { Block } from './compiler/types.ts';

/**
 * The courses in the repository against what the product promises of each (issue 6): they
 * compile in every locale they declare, and every course has the shape and the variety asked
 * for. The compiler itself proves every question has a correct answer, every branch target
 * exists and is reachable, and every id is unique.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { courses, diagnostics } = compileCourses(discoverCourses(path.join(ROOT, 'courses')), ROOT, { isStrict: false });
const NON_INTERACTIVE = new Set(['heading', 'paragraph', 'list', 'quote', 'image', 'rule', 'callout', 'case', 'sources']);
const INTERACTIVE_TYPES_MIN = 8;
const BANK_QUESTIONS_MIN = 8;

describe('the courses in the repository', () => {
  it('compile without errors in every locale they declare', () => {
    expect(diagnostics.items.filter((item) => item.severity === 'error').map((item) => item.format())).toEqual([]);
    for (const { source, locales } of courses) expect([...locales.keys()].sort()).toEqual([...source.yaml.locales].sort());
  });

  it('include the courses of the programme', () => {
    expect(courses.map((compiled) => compiled.source.yaml.id)).toEqual(
      expect.arrayContaining(['day-care-centres', 'mobile-outreach-teams', 'rights-awareness', 'inclusive-drr', 'lnob-social-mapping', 'minority-inclusion']),
    );
  });

  describe.each(courses.map((compiled) => [compiled.source.yaml.id, compiled] as const))('%s', (_id, { source }) => {
    it('has at least 3 modules of 3 to 5 lessons, about 60 to 90 minutes in all', () => {
      expect(source.course.modules.length).toBeGreaterThanOrEqual(3);
      for (const module of source.course.modules) {
        expect(module.lessons.length, module.id).toBeGreaterThanOrEqual(3);
        expect(module.lessons.length, module.id).toBeLessThanOrEqual(5);
      }
      expect(source.course.estimatedMinutes).toBeGreaterThanOrEqual(60);
      expect(source.course.estimatedMinutes).toBeLessThanOrEqual(90);
    });

    it('has an interaction in every lesson and at least 8 interaction types', () => {
      const types = new Set<string>();
      for (const lesson of source.lessons) {
        const interactive = collectBlocks(lesson.blocks).filter((block) => !NON_INTERACTIVE.has(block.type));
        expect(interactive.length, lesson.id).toBeGreaterThan(0);
        for (const block of interactive) types.add(block.type);
      }
      expect(types.size).toBeGreaterThanOrEqual(INTERACTIVE_TYPES_MIN);
    });

    it('ends every module with a quiz drawn from a bank of at least 8 questions', () => {
      for (const module of source.course.modules) {
        expect(module.quiz, module.id).toBeDefined();
        const bank = source.banks.find((candidate) => candidate.id === module.quiz?.bankId);
        expect(bank?.questions.length ?? 0, module.id).toBeGreaterThanOrEqual(BANK_QUESTIONS_MIN);
      }
    });

    it('has a glossary, sources, case stories with sources and reflections', () => {
      expect(source.course.glossary.length).toBeGreaterThan(0);
      expect(source.course.sources.length).toBeGreaterThan(0);
      const blocks = source.lessons.flatMap((lesson) => collectBlocks(lesson.blocks));
      expect(blocks.some((block) => block.type === 'reflection')).toBe(true);
      expect(blocks.some((block) => block.type === 'sources')).toBe(true);
      expect(blocks.filter((block) => block.type === 'case').every((block) => block.type === 'case' && block.sourceId !== '')).toBe(true);
    });
  });
});

/** Blocks at any depth (inside callouts, cases, quotes, lists). */
function collectBlocks(blocks: readonly Block[]): Block[] {
  const all: Block[] = [];
  for (const block of blocks) {
    all.push(block);
    if ('blocks' in block && Array.isArray(block.blocks)) all.push(...collectBlocks(block.blocks as Block[]));
    if (block.type === 'list') for (const item of block.items) all.push(...collectBlocks(item));
  }
  return all;
}
