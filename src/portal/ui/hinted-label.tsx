// A form field's label with its hint inside it (read together by screen readers); the hint's id is
// `<field>-hint`, for the field's aria-describedby.
import type { ComponentChildren } from 'preact';

export function HintedLabel({ field, hint, children }: { field: string; hint: ComponentChildren; children: ComponentChildren }) {
  return (
    <label for={field}>
      {children}
      <span class="hint" id={`${field}-hint`}>{hint}</span>
    </label>
  );
}
