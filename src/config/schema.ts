// The configuration schema: every key, its type and its default. The config file (TOML) and the
// CHATON_* environment variables are both validated against it.
import { z } from 'zod';

export const OPENINGS = ['public', 'signup', 'members', 'closed'] as const;
export type Opening = (typeof OPENINGS)[number];

const externalService = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, starting with a letter'),
  kind: z.string().min(1).max(40),
  name: z.string().min(1).max(80),
  description_fr: z.string().max(500).default(''),
  description_en: z.string().max(500).default(''),
  url: z.url(),
  health_url: z.url().optional(),
  opening: z.enum(OPENINGS).default('members'),
  software_name: z.string().max(80).default(''),
  software_url: z.url().optional(),
});
export type ExternalServiceConfig = z.infer<typeof externalService>;

export const configSchema = z.object({
  port: z.number().int().min(0).max(65535).default(8080),
  host: z.string().default('127.0.0.1'),
  /** Public URL of the chaton, used in printed links and ChatonsInfos files. */
  public_url: z.url().default('http://localhost:8080'),
  data_dir: z.string().min(1).default('./data'),
  /** 'true' when behind a reverse proxy that sets X-Forwarded-Proto/-For. */
  trust_proxy: z.boolean().default(false),
  log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  chaton: z
    .object({
      name: z.string().min(1).max(80).default('Mon chaton'),
      description_fr: z.string().max(1000).default(''),
      description_en: z.string().max(1000).default(''),
      place: z.string().max(120).default(''),
      contact_email: z.email().optional(),
      website: z.url().optional(),
    })
    .prefault({}),
  database: z
    .object({
      /** Empty: embedded SQLite under data_dir. postgres://… : PostgreSQL. */
      url: z.string().default(''),
    })
    .prefault({}),
  redis: z.object({ url: z.string().default('') }).prefault({}),
  secrets: z
    .object({
      session: z.string().min(32, 'must be at least 32 characters (run `chaton init`)'),
    }),
  accounts: z
    .object({
      open_signup: z.boolean().default(false),
      invitation_days: z.number().int().min(1).max(365).default(7),
      reset_hours: z.number().int().min(1).max(720).default(48),
      session_days: z.number().int().min(1).max(365).default(30),
    })
    .prefault({}),
  limits: z
    .object({
      body_bytes: z.number().int().min(1024).default(1024 * 1024),
      /** Attempts per 15 minutes per hashed address on login, signup, invitation and reset. */
      auth_attempts: z.number().int().min(1).default(10),
    })
    .prefault({}),
  health: z.object({ interval_seconds: z.number().int().min(5).default(60), timeout_ms: z.number().int().min(100).default(5000) }).prefault({}),
  services: z.object({ external: z.array(externalService).default([]) }).prefault({}),
});

export type Config = z.infer<typeof configSchema>;
