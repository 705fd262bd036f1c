// A data table that scrolls sideways on a phone, its column headers scoped for screen readers.
import type { ComponentChildren } from 'preact';

/** A column header that needs a class on its cell (e.g. "actions"), beside its content. */
export interface HeaderCell {
  content: ComponentChildren;
  class: string;
}

/** One column header: its content, or a HeaderCell when the cell needs a class. */
export type Header = ComponentChildren | HeaderCell;

function isHeaderCell(header: Header): header is HeaderCell {
  return typeof header === 'object' && header !== null && 'content' in header && 'class' in header;
}

/** `headers` are the column headers, in order; `children` are the body rows (<tr>). */
export function DataTable({ headers, caption, children }: { headers: Header[]; caption?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table>
        {caption !== undefined && <caption class="muted">{caption}</caption>}
        <thead>
          <tr>
            {headers.map((header) =>
              isHeaderCell(header) ? (
                <th scope="col" class={header.class}>
                  {header.content}
                </th>
              ) : (
                <th scope="col">{header}</th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
