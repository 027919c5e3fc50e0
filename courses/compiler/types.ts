// The compiled course, as the player imports it. One Course per locale, one Lesson per lesson and
// locale, one QuestionBank per bank and locale. Text is structured (never HTML) so the player
// renders it with its own safe components: content cannot run code.

export const COURSE_SCHEMA_VERSION = 1;

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'strong'; children: Inline[] }
  | { type: 'code'; value: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' }
  /** A glossary reference: show `children`, offer the definition of `glossaryId`. */
  | { type: 'term'; glossaryId: string; children: Inline[] }
  | { type: 'cite'; sourceId: string; page?: string }
  /** The position of blank number `index` (0-based) of a `fill` interaction. */
  | { type: 'blank'; index: number };

/**
 * One translatable unit. `unit` is its stable id (also the XLIFF unit id). `fallback` means the
 * locale has no translation yet and `content` is in the course's source language (the player sets
 * `lang` on it and shows a notice); `stale` means the translation was made for an older source text.
 */
export interface Text {
  unit: string;
  content: Inline[];
  fallback?: true;
  stale?: true;
}

export type ProseBlock =
  | { type: 'heading'; level: 2 | 3 | 4; id: string; text: Text }
  | { type: 'paragraph'; text: Text }
  | { type: 'list'; ordered: boolean; items: ProseBlock[][] }
  | { type: 'quote'; blocks: ProseBlock[] }
  | { type: 'image'; src: string; alt: Text; caption?: Text }
  | { type: 'rule' }
  | { type: 'callout'; variant: 'note' | 'tip' | 'warning'; sourceId?: string; blocks: ProseBlock[] }
  | { type: 'case'; title: Text; sourceId: string; blocks: ProseBlock[] }
  | { type: 'sources' };

export interface Choice {
  id: string;
  text: Text;
  isCorrect: boolean;
  feedback?: ProseBlock[];
}

interface InteractionBase {
  id: string;
  /** Relative xAPI activity path; the IRI is `activityIri(publicUrl, activityPath)`. */
  activityPath: string;
  prompt: ProseBlock[];
  /** Shown after any answer. */
  explanation?: ProseBlock[];
  xapi: InteractionDefinition;
}

export interface McqBlock extends InteractionBase { type: 'mcq'; choices: Choice[] }
export interface MrqBlock extends InteractionBase { type: 'mrq'; choices: Choice[] }
export interface TrueFalseBlock extends InteractionBase { type: 'truefalse'; answer: boolean }
export type Blank =
  | { kind: 'typed'; /** Accepted answers separated by `|`; compare trimmed and case-insensitive. */ answers: Text }
  | { kind: 'dropdown'; options: { id: string; text: Text }[]; correctOptionId: string };
export interface FillBlock extends InteractionBase { type: 'fill'; blanks: Blank[] }
export interface MatchingBlock extends InteractionBase {
  type: 'matching';
  /** Source `s<n>` matches target `t<n>`; the player shuffles the targets. */
  pairs: { sourceId: string; source: Text; targetId: string; target: Text }[];
}
export interface OrderingBlock extends InteractionBase {
  type: 'ordering';
  /** In the correct order; the player shuffles them. */
  items: { id: string; text: Text }[];
}
export interface CategoriseBlock extends InteractionBase {
  type: 'categorise';
  groups: { id: string; label: Text }[];
  items: { id: string; text: Text; groupId: string }[];
}
export interface HotspotRegion {
  id: string;
  label: Text;
  shape: 'rect' | 'circle';
  /** Percent of the image: rect = left, top, width, height; circle = centre x, centre y, radius. */
  coords: number[];
  isCorrect: boolean;
  feedback?: ProseBlock[];
}
export interface HotspotBlock extends InteractionBase {
  type: 'hotspot';
  src: string;
  alt: Text;
  regions: HotspotRegion[];
}
export type ScenarioOutcome = 'good' | 'poor' | 'neutral';
export interface ScenarioNode {
  id: string;
  title: Text;
  blocks: ProseBlock[];
  choices: { targetId: string; text: Text }[];
  /** Set on endings (nodes without choices). */
  outcome?: ScenarioOutcome;
}
export interface ScenarioBlock extends InteractionBase { type: 'scenario'; startId: string; nodes: ScenarioNode[] }
export const LNOB_FACTORS = ['discrimination', 'geography', 'socio-economic', 'governance', 'shocks'] as const;
export type LnobFactor = (typeof LNOB_FACTORS)[number];
export interface SocialMapGroup {
  id: string;
  name: Text;
  need: Text;
  service: Text;
  factors: LnobFactor[];
  hasGap: boolean;
}
export interface SocialMapBlock extends InteractionBase { type: 'socialmap'; groups: SocialMapGroup[] }
export interface ReflectionBlock extends InteractionBase { type: 'reflection'; maxLength: number }

export interface Panel { id: string; title: Text; blocks: ProseBlock[] }
export interface RevealBlock { type: 'reveal'; id: string; activityPath: string; style: 'accordion' | 'tabs'; panels: Panel[] }
export interface StepsBlock { type: 'steps'; id: string; activityPath: string; style: 'process' | 'timeline'; steps: Panel[] }
export interface FlashcardsBlock { type: 'flashcards'; id: string; activityPath: string; cards: Panel[] }

export type QuestionBlock =
  | McqBlock
  | MrqBlock
  | TrueFalseBlock
  | FillBlock
  | MatchingBlock
  | OrderingBlock
  | CategoriseBlock
  | HotspotBlock;

export type InteractionBlock = QuestionBlock | ScenarioBlock | SocialMapBlock | ReflectionBlock;
export type Block = ProseBlock | InteractionBlock | RevealBlock | StepsBlock | FlashcardsBlock;
export type InteractionKind = InteractionBlock['type'];

/** cmi.interaction activity definition (xAPI 2.0, 9.3 / 1.0.3 "Interaction Activities"). */
export type InteractionType =
  | 'true-false'
  | 'choice'
  | 'fill-in'
  | 'long-fill-in'
  | 'matching'
  | 'performance'
  | 'sequencing'
  | 'likert'
  | 'numeric'
  | 'other';
export type LanguageMap = Record<string, string>;
export interface InteractionComponent { id: string; description: LanguageMap }
export interface InteractionDefinition {
  type: 'http://adlnet.gov/expapi/activities/cmi.interaction';
  name: LanguageMap;
  interactionType: InteractionType;
  correctResponsesPattern?: string[];
  choices?: InteractionComponent[];
  source?: InteractionComponent[];
  target?: InteractionComponent[];
  steps?: InteractionComponent[];
  scale?: InteractionComponent[];
}

export interface ScoreBand { min: number; feedback: Text }
export interface QuizRules {
  bankId: string;
  activityPath: string;
  drawCount: number;
  passMark: number;
  /** 0 means unlimited. */
  attemptsMax: number;
  shuffle: boolean;
  scoreBands: ScoreBand[];
}
export interface LessonRef { id: string; title: Text; estimatedMinutes: number; activityPath: string; path: string }
export interface ModuleRef { id: string; title: Text; activityPath: string; lessons: LessonRef[]; quiz?: QuizRules }
export interface CompletionRules { completed: 'all-lessons' | 'all-modules'; passed: 'all-quizzes' | 'none' }
export interface GlossaryEntry { id: string; term: Text; definition: Text; sourceId?: string }
export interface SourceEntry { id: string; title: string; publisher?: string; year?: number; url?: string; note?: Text }

export interface TranslationStatus {
  /** Units shown in the source language because the locale has no translation for them. */
  fallbackUnits: number;
  /** Units whose translation was made for an older source text. */
  staleUnits: number;
  totalUnits: number;
}

export interface Course {
  schemaVersion: typeof COURSE_SCHEMA_VERSION;
  id: string;
  version: string;
  activityPath: string;
  locale: string;
  sourceLocale: string;
  locales: string[];
  title: Text;
  description: Text;
  estimatedMinutes: number;
  objectives: Text[];
  modules: ModuleRef[];
  completion: CompletionRules;
  glossary: GlossaryEntry[];
  sources: SourceEntry[];
  translation: TranslationStatus;
}

export interface Lesson {
  schemaVersion: typeof COURSE_SCHEMA_VERSION;
  id: string;
  courseId: string;
  moduleId: string;
  activityPath: string;
  locale: string;
  sourceLocale: string;
  title: Text;
  estimatedMinutes: number;
  objectives: Text[];
  blocks: Block[];
  translation: TranslationStatus;
}

export interface QuestionBank {
  schemaVersion: typeof COURSE_SCHEMA_VERSION;
  id: string;
  courseId: string;
  locale: string;
  sourceLocale: string;
  title: Text;
  questions: QuestionBlock[];
  translation: TranslationStatus;
}

export interface CatalogueEntry {
  id: string;
  version: string;
  sourceLocale: string;
  locales: string[];
  title: Record<string, string>;
  estimatedMinutes: number;
  contentHash: string;
}
export interface Catalogue { schemaVersion: typeof COURSE_SCHEMA_VERSION; contentHash: string; courses: CatalogueEntry[] }
