// reply.page(): renders a page inside the layout and sends it as HTML.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Layout } from '../portal/ui/layout.js';
import { pageCtx, type PageCtx } from './page-context.js';

export interface PageOptions {
  title: string;
  status?: number;
  anonymousNotice?: boolean;
  scripts?: string[];
  styles?: string[];
}

declare module 'fastify' {
  interface FastifyReply {
    /** Renders `body(ctx)` inside the layout and sends it. */
    page(options: PageOptions, body: (ctx: PageCtx) => VNode): FastifyReply;
  }
}

export function renderDocument(ctx: PageCtx, options: PageOptions, body: (ctx: PageCtx) => VNode): string {
  return (
    '<!doctype html>' +
    renderToString(
      <Layout ctx={ctx} title={options.title} anonymousNotice={options.anonymousNotice ?? false} scripts={options.scripts ?? []} styles={options.styles ?? []}>
        {body(ctx)}
      </Layout>,
    )
  );
}

export function registerRender(app: FastifyInstance): void {
  app.decorateReply('page', function (this: FastifyReply, options: PageOptions, body: (ctx: PageCtx) => VNode) {
    const ctx = pageCtx(this.request, this);
    const notice = options.anonymousNotice ?? this.request.anonymousNotice;
    const html = renderDocument(ctx, { ...options, anonymousNotice: notice && this.request.cookies.chaton_notice !== 'dismissed' }, body);
    return this.code(options.status ?? 200).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
}
