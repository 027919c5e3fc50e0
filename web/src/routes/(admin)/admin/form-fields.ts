/**
 * The administration's forms read their fields when they are submitted instead of binding each
 * control to state: Svelte's bindings (`bind:value`, `bind:checked`, `bind:group`) would bring
 * their code into the app chunk that every page loads, the learner's first lesson screen included.
 */

/** The text of each named field of `form` ('' for a field it does not have). */
export function readFields<Name extends string>(form: HTMLFormElement, names: readonly Name[]): Record<Name, string> {
  const data = new FormData(form);
  return Object.fromEntries(names.map((name) => [name, String(data.get(name) ?? '')])) as Record<Name, string>;
}

/** Empties the named text fields of `form` and leaves its other controls as they are. */
export function clearFields(form: HTMLFormElement, names: readonly string[]): void {
  for (const name of names) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.value = '';
  }
}
