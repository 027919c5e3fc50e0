// Schemas of the YAML an author writes (course.yaml, front matter, glossary, sources). The
// structure is checked here; cross-references (files, banks, ids) in compile-course.ts.

import Type from 'typebox';

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 64 });
const Locale = Type.String({ pattern: '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$' });
const NonEmpty = Type.String({ minLength: 1 });
const Minutes = Type.Integer({ minimum: 1, maximum: 600 });
const FileName = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*\\.(md|yaml)$' });

export const ScoreBandSchema = Type.Object({ min: Type.Number({ minimum: 0, maximum: 1 }), feedback: NonEmpty }, { additionalProperties: false });

export const QuizSchema = Type.Object(
  {
    bank: Id,
    draw: Type.Integer({ minimum: 1, maximum: 100 }),
    passMark: Type.Number({ minimum: 0, maximum: 1 }),
    attemptsMax: Type.Integer({ minimum: 0, maximum: 100 }),
    shuffle: Type.Boolean(),
    scoreBands: Type.Array(ScoreBandSchema, { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);

export const ModuleSchema = Type.Object(
  {
    id: Id,
    title: NonEmpty,
    lessons: Type.Array(FileName, { maxItems: 20 }),
    quiz: Type.Optional(QuizSchema),
  },
  { additionalProperties: false },
);

export const CourseYamlSchema = Type.Object(
  {
    id: Id,
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+$' }),
    sourceLocale: Locale,
    locales: Type.Array(Locale, { minItems: 1, maxItems: 20, uniqueItems: true }),
    title: NonEmpty,
    description: NonEmpty,
    estimatedMinutes: Minutes,
    objectives: Type.Array(NonEmpty, { minItems: 1, maxItems: 20 }),
    glossary: FileName,
    sources: FileName,
    completion: Type.Object(
      {
        completed: Type.Union([Type.Literal('all-lessons'), Type.Literal('all-modules')]),
        passed: Type.Union([Type.Literal('all-quizzes'), Type.Literal('none')]),
      },
      { additionalProperties: false },
    ),
    modules: Type.Array(ModuleSchema, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type CourseYaml = Type.Static<typeof CourseYamlSchema>;

export const LessonFrontMatterSchema = Type.Object(
  {
    id: Id,
    title: NonEmpty,
    estimatedMinutes: Minutes,
    objectives: Type.Array(NonEmpty, { maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type LessonFrontMatter = Type.Static<typeof LessonFrontMatterSchema>;

export const BankFrontMatterSchema = Type.Object({ id: Id, title: NonEmpty }, { additionalProperties: false });
export type BankFrontMatter = Type.Static<typeof BankFrontMatterSchema>;

export const GlossarySchema = Type.Array(
  Type.Object({ id: Id, term: NonEmpty, definition: NonEmpty, source: Type.Optional(Id) }, { additionalProperties: false }),
  { maxItems: 500 },
);
export type GlossaryYaml = Type.Static<typeof GlossarySchema>;

export const SourcesSchema = Type.Array(
  Type.Object(
    {
      id: Id,
      title: NonEmpty,
      publisher: Type.Optional(NonEmpty),
      year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
      url: Type.Optional(Type.String({ pattern: '^https?://' })),
      note: Type.Optional(NonEmpty),
    },
    { additionalProperties: false },
  ),
  { maxItems: 500 },
);
export type SourcesYaml = Type.Static<typeof SourcesSchema>;
