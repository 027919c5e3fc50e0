import type { Score } from '../scoring/score.ts';

/** Props every question component takes; the frame (lesson) or the quiz owns the state. */
export interface QuestionProps<B, R> {
  block: B;
  response: R;
  /** After checking: inputs are locked and each part shows whether it was right. */
  isReviewing: boolean;
  score: Score | undefined;
  /** The id of the rendered prompt, to describe the group of inputs. */
  promptId: string;
  /** For interactions that decide themselves when they are answered (a scenario ending). */
  submit: () => void;
}
