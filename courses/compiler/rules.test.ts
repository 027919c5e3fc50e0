import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, compileFolder, copyCourse, messages } from './test-helpers.ts';
import type { Block, Lesson } from './types.ts';
import { collectTexts } from './units.ts';

const INVALID_CASES = readdirSync(join(FIXTURES, 'invalid')).filter((name) => !name.startsWith('_'));

function allBlocks(lessons: Lesson[]): Block[] {
  return lessons.flatMap((lesson) => lesson.blocks);
}

describe('the valid fixture course', () => {
  const result = compileFolder(copyCourse('valid/rivertown'));

  it('compiles without errors or warnings in its source locale', () => {
    expect(messages(result)).toEqual([]);
    expect(result.courses).toHaveLength(1);
  });

  it('uses every directive of the format', () => {
    const types = new Set(allBlocks(result.courses[0]?.source.lessons ?? []).map((block) => block.type));
    for (const type of ['mcq', 'mrq', 'truefalse', 'fill', 'matching', 'ordering', 'categorise', 'hotspot', 'scenario', 'reveal', 'steps', 'flashcards', 'reflection', 'socialmap', 'callout', 'case', 'sources', 'image', 'list', 'heading', 'paragraph']) {
      expect(types, type).toContain(type);
    }
  });

  it('keeps answer keys, ids and activity paths from the source', () => {
    const blocks = allBlocks(result.courses[0]?.source.lessons ?? []);
    const mcq = blocks.find((block) => block.type === 'mcq');
    expect(mcq?.type === 'mcq' && mcq.choices.map((choice) => [choice.id, choice.isCorrect])).toEqual([['c1', true], ['geo', false]]);
    expect(mcq?.type === 'mcq' && mcq.activityPath).toBe('course/rivertown/module/basics/lesson/factors/interaction/q-discrimination');
    expect(mcq?.type === 'mcq' && mcq.xapi.correctResponsesPattern).toEqual(['c1']);
    const socialmap = blocks.find((block) => block.type === 'socialmap');
    expect(socialmap?.type === 'socialmap' && socialmap.xapi.correctResponsesPattern).toEqual(['roma:discrimination[,]roma:geography[,]roma:gap[,]older:geography']);
    const fill = blocks.find((block) => block.type === 'fill');
    expect(fill?.type === 'fill' && fill.xapi.correctResponsesPattern).toEqual(['{case_matters=false}commitment[,]policy uptake']);
    const categorise = blocks.find((block) => block.type === 'categorise');
    expect(categorise?.type === 'categorise' && categorise.xapi.correctResponsesPattern).toEqual(['i1[.]g1[,]i2[.]g2']);
  });

  it('gives positional unit ids inside sections, and honours {#id}', () => {
    const units = collectTexts(result.courses[0]?.source.lessons[0]).map((text) => text.unit);
    expect(units).toContain('factors.intro.1');
    expect(units).toContain('factors.discrimination.heading');
    expect(units).toContain('factors.discrimination.fixed');
    expect(new Set(units).size).toBe(units.length);
  });

  it('compiles the question bank with its own activity paths', () => {
    const bank = result.courses[0]?.source.banks[0];
    expect(bank?.questions.map((question) => question.activityPath)).toEqual(['course/rivertown/bank/basics/question/b-q1', 'course/rivertown/bank/basics/question/b-q2']);
  });
});

describe('the base of the invalid fixtures', () => {
  it('is itself valid, so each case fails only for its own change', () => {
    expect(messages(compileFolder(copyCourse('invalid/_base')))).toEqual([]);
  });
});

describe.each(INVALID_CASES)('invalid fixture %s', (name) => {
  it('is rejected with the expected file, line and message', () => {
    const expected = readFileSync(join(FIXTURES, 'invalid', name, 'expected.txt'), 'utf8').trim();
    const errors = messages(compileFolder(copyCourse('invalid/_base', join('invalid', name))));
    expect(errors.length).toBeGreaterThan(0);
    // expected.txt holds `file:line: message` (or just a message); the column is not pinned.
    const located = /^([^:\s]+):(\d+): (.*)$/.exec(expected);
    const isMatch = (error: string): boolean => (located ? error.startsWith(`${located[1]}:${located[2]}:`) && error.includes(located[3] ?? '') : error.includes(expected));
    expect(errors.some(isMatch), `expected "${expected}" in:\n${errors.join('\n')}`).toBe(true);
  });
});
