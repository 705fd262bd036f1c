import type { FastifyInstance } from 'fastify';

export async function charterRoutes(_app: FastifyInstance): Promise<void> {}
