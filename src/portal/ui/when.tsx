// Dates in server-rendered pages: in the chaton's zone (`chaton.time_zone`) with the zone named, inside
// <time datetime="…" data-style="…"> that web/dates rewrites in the visitor's own zone when scripts run.
import type { ComponentChildren, VNode } from 'preact';
import type { MessageKey } from '../../i18n/index.js';
import { formatDate, type DateStyle } from '../../i18n/dates.js';
import type { PageCtx } from '../../server/page-context.js';

type DateCtx = Pick<PageCtx, 'lang' | 'config'>;

/** The date as text, in the chaton's zone and naming it (for attributes and <option>s). */
export function whenText(ctx: DateCtx, at: number, style: DateStyle = 'date'): string {
  return formatDate(at, ctx.lang, style, { timeZone: ctx.config.chaton.time_zone, zoneName: true });
}

export function When({ ctx, at, style = 'date' }: { ctx: DateCtx; at: number; style?: DateStyle }) {
  return <time datetime={new Date(at).toISOString()} data-style={style}>{whenText(ctx, at, style)}</time>;
}

/** A translated text whose parameters may be elements (a <When>): the text is formatted, then cut around them. */
export function tWith(ctx: Pick<PageCtx, 't'>, key: MessageKey, params: Record<string, string | number | VNode>): ComponentChildren {
  const nodes: VNode[] = [];
  const plain: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'object') {
      plain[name] = `\u0000${nodes.length}\u0000`;
      nodes.push(value);
    } else plain[name] = value;
  }
  // eslint-disable-next-line no-control-regex -- NUL cannot come from a catalogue or a parameter (refused on input).
  return ctx.t(key, plain).split(/\u0000(\d+)\u0000/).map((part, i) => (i % 2 === 1 ? nodes[Number(part)] : part));
}
