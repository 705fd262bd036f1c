// The routes of the application as they are registered (method and URL pattern), kept for the route fuzz
// test (test/integration/route-fuzz.test.ts) and anything that must walk every route.
import type { FastifyInstance } from 'fastify';

export interface RouteEntry { method: string; url: string; websocket: boolean }

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on the app, in registration order. */
    routeList: RouteEntry[];
  }
}

export function recordRoutes(app: FastifyInstance): void {
  const list: RouteEntry[] = [];
  app.decorate('routeList', list);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      list.push({ method, url: route.url, websocket: (route as { websocket?: boolean }).websocket === true });
    }
  });
}
