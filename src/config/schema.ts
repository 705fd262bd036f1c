// The configuration schema: every key, its type and its default. The config file (TOML) and the
// CHATON_* environment variables are both validated against it.
import { z } from 'zod';
import { isTimeZone } from '../i18n/dates.js';

export const OPENINGS = ['public', 'signup', 'members', 'closed'] as const;
/** PrivateBin's expiry names, shortest first. */
export const PASTE_EXPIRES = ['5min', '10min', '1hour', '1day', '1week', '1month', '1year', 'never'] as const;
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
  /**
   * Public URL of the chaton, used in printed and sent links and ChatonsInfos files. Unset: derived from
   * host and port (http://localhost:<port> for 0.0.0.0, :: and loopback), see config/public-url.ts.
   */
  public_url: z.url().optional(),
  data_dir: z.string().min(1).default('./data'),
  /** 'true' when behind a reverse proxy that sets X-Forwarded-Proto/-For. */
  trust_proxy: z.boolean().default(false),
  log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Processes that serve requests on this machine: 1 (one process), a number, or 'auto' (one per CPU
   * core). Above 1, `chaton start` runs a primary process that forks the workers (node:cluster, one
   * shared port), restarts one that dies and stops them all on SIGTERM; without Redis the workers'
   * bus and rate limits go through the primary (storage/cluster-bus.ts).
   */
  workers: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  chaton: z
    .object({
      name: z.string().min(1).max(80).default('Mon chaton'),
      description_fr: z.string().max(1000).default(''),
      description_en: z.string().max(1000).default(''),
      place: z.string().max(120).default(''),
      contact_email: z.email().optional(),
      website: z.url().optional(),
      /** Published in ChatonsInfos (organization.*), and used by the directory's map. */
      type: z.enum(['ASSOCIATION', 'INFORMAL', 'COOPERATIVE', 'MICROCOMPANY', 'COMPANY', 'INDIVIDUAL', 'OTHER']).default('INFORMAL'),
      country_code: z.string().regex(/^([A-Z]{2})?$/, 'two capital letters (ISO 3166-1), e.g. FR').default(''),
      latitude: z.number().min(-90).max(90).optional(),
      longitude: z.number().min(-180).max(180).optional(),
      startdate: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'yyyy-mm-dd').default(''),
      /** Where visitors get this chaton's source code (AGPL section 13): change it if you modify chaton. */
      source_url: z.url().default('https://framagit.org/chatons/chaton'),
      /** The zone of the dates that pages show before their script runs (or without scripts), named on them. */
      time_zone: z.string().default('Europe/Paris').refine(isTimeZone, 'an IANA time zone, e.g. Europe/Paris or UTC'),
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
  /**
   * Outgoing e-mail (password resets, invitations, signups waiting for admission). Without a host, the
   * chaton sends nothing and works as without e-mail: admins hand links over themselves.
   */
  mail: z
    .object({
      /** The SMTP server (submission); empty: no e-mail. */
      host: z.string().default(''),
      port: z.number().int().min(1).max(65535).default(587),
      /** "starttls" (port 587: the connection must switch to TLS), "tls" (port 465: TLS from the start), "none" (a local relay only). */
      security: z.enum(['starttls', 'tls', 'none']).default('starttls'),
      user: z.string().default(''),
      password: z.string().default(''),
      /** The sender, e.g. "Mon chaton <noreply@chaton.example.org>"; required with a host. */
      from: z.string().max(320).default(''),
      /** Seconds to wait for the server at each step (connection, greeting, each command). */
      timeout_seconds: z.number().int().min(1).max(300).default(30),
      /** Tries before a message is given up; the wait doubles after each failure, from retry_seconds up to 6 hours. */
      max_attempts: z.number().int().min(1).max(50).default(10),
      retry_seconds: z.number().int().min(1).max(3600).default(60),
      /** Days a sent or given-up message stays in the queue (without its content once sent), for the admin's view. */
      keep_days: z.number().int().min(1).max(365).default(7),
      /** Password reset e-mails per account and per hour (the form answers the same beyond). */
      resets_per_hour: z.number().int().min(1).max(100).default(3),
    })
    .superRefine((m, ctx) => {
      if (m.host && !m.from) ctx.addIssue({ code: 'custom', message: 'required when host is set', path: ['from'] });
      if (m.user && !m.password) ctx.addIssue({ code: 'custom', message: 'required when user is set', path: ['password'] });
    })
    .prefault({}),
  /** Drop, the zero-knowledge file sharing module (src/modules/drop). */
  drop: z
    .object({
      max_expiry_hours: z.number().int().min(1).max(24 * 365).default(24 * 30),
      max_file_bytes: z.number().int().min(1).default(4 * 1024 ** 3),
      max_total_bytes: z.number().int().min(1).default(100 * 1024 ** 3),
      /** New shares per hour per hashed address. */
      uploads_per_hour: z.number().int().min(1).default(30),
      /**
       * Bytes declared but not yet uploaded that one (hashed) address may hold at a time: declaring files
       * reserves their space in max_total_bytes until they are uploaded or the reservation lapses.
       */
      pending_bytes_per_address: z.number().int().min(1).default(10 * 1024 ** 3),
      /** Minutes a reservation lasts after the upload's last chunk; then only the stored bytes count. */
      reservation_minutes: z.number().int().min(1).max(24 * 60).default(15),
      /**
       * Minutes a browser has to confirm a download it decrypted to the end (and to retry one that failed,
       * with the same slot); an unconfirmed download gives its slot back after that.
       */
      download_confirm_minutes: z.number().int().min(1).max(24 * 60).default(15),
      /** Bytes of ciphertext per upload request (the unit of resume). */
      chunk_bytes: z.number().int().min(65536).max(64 * 1024 * 1024).default(8 * 1024 * 1024),
    })
    .prefault({}),
  /** Where stored files (blobs) live: the local disk under data_dir, or an S3-compatible store (Garage, MinIO…). */
  blobs: z
    .object({
      backend: z.enum(['fs', 's3']).default('fs'),
      s3: z
        .object({
          endpoint: z.string().default(''),
          bucket: z.string().default(''),
          region: z.string().default('us-east-1'),
          access_key: z.string().default(''),
          secret_key: z.string().default(''),
          force_path_style: z.boolean().default(true),
        })
        .prefault({}),
    })
    .superRefine((b, ctx) => {
      if (b.backend !== 's3') return;
      for (const key of ['endpoint', 'bucket', 'access_key', 'secret_key'] as const) {
        if (!b.s3[key]) ctx.addIssue({ code: 'custom', message: 'required when backend = "s3"', path: ['s3', key] });
      }
    })
    .prefault({}),
  health: z.object({ interval_seconds: z.number().int().min(5).default(60), timeout_ms: z.number().int().min(100).default(5000) }).prefault({}),
  services: z.object({ external: z.array(externalService).default([]) }).prefault({}),
  /** The paste service (PrivateBin-compatible): offered expiries, default, size limit, creations per address. */
  paste: z
    .object({
      expire_options: z.array(z.enum(PASTE_EXPIRES)).min(1).default([...PASTE_EXPIRES]),
      expire_default: z.enum(PASTE_EXPIRES).default('1week'),
      /** Largest ciphertext accepted, in bytes of base64 (PrivateBin's sizelimit). */
      max_bytes: z.number().int().min(1024).default(10_000_000),
      discussion: z.boolean().default(true),
      attachments: z.boolean().default(true),
      /** Creations (pastes, comments) per hashed address and per window. */
      rate_limit_max: z.number().int().min(1).default(30),
      rate_limit_window_seconds: z.number().int().min(1).default(600),
      /** Readers' browsers colour code only up to this many characters (beyond: plain text, with a note). */
      highlight_max_chars: z.number().int().min(1).default(65_536),
      /** …and only when no line is longer than this (highlighting time grows with the square of a line). */
      highlight_max_line_chars: z.number().int().min(1).default(300),
    })
    .refine((p) => p.expire_options.includes(p.expire_default), { message: 'must be one of expire_options', path: ['expire_default'] })
    .prefault({}),
  /** The pad service (real-time co-editing): sizes, lifetimes, history retention, rate limits. */
  pad: z
    .object({
      /** Largest pad, in bytes of its encoded state. */
      max_pad_bytes: z.number().int().min(1024).default(2_000_000),
      /** Largest WebSocket message accepted from a browser, in bytes. */
      max_message_bytes: z.number().int().min(256).default(64 * 1024),
      /** Pads without an edit for this many days are deleted (0: never). */
      idle_days: z.number().int().min(0).default(365),
      /** Every keystroke is kept this many days; older history is compacted to one version per day. */
      full_history_days: z.number().int().min(0).default(30),
      /** A checkpoint (the whole document) is written once the edits logged since the last one weigh this
       * many bytes, or the last checkpoint's size if larger; older ones are pruned so they never outweigh the log. */
      checkpoint_log_bytes: z.number().int().min(4096).default(256 * 1024),
      /** Edit messages per second per connection, and per pad (all connections together). */
      rate_per_connection: z.number().int().min(1).default(30),
      rate_per_pad: z.number().int().min(1).default(2000),
      /** Chat messages kept per pad at most; oldest go first. */
      chat_max_messages: z.number().int().min(10).default(2000),
      /** Pads created (or imported) per hour per hashed address. */
      creations_per_hour: z.number().int().min(1).default(60),
      /** Deepest nesting of blocks (quotes in lists in quotes…) an edit may create; deeper edits are refused. At most 500, below the depth pages and exports read in full (600). */
      max_depth: z.number().int().min(8).max(500).default(100),
      /** Named authors remembered per pad; beyond, newcomers still edit but keep a default colour and no name. */
      max_authors: z.number().int().min(10).default(1000),
      /** Largest presence (cursor, name, colour) of one browser, in bytes. */
      max_presence_bytes: z.number().int().min(256).default(4096),
      /** Simultaneous pad connections (WebSockets) per hashed address, all pads together. */
      max_connections_per_address: z.number().int().min(1).default(200),
      /** How deeply an imported Markdown or HTML text may nest (quotes, lists, styles: levels of its parsed
       * tree, a list level counting two); deeper is refused (413). At most 500: parsers recurse per level. */
      max_import_depth: z.number().int().min(8).max(500).default(100),
    })
    .prefault({}),
  /** The directory of chatons: crawler, map, list, finder (see docs/directory.md). */
  directory: z
    .object({
      enabled: z.boolean().default(false),
      federation_url: z.string().default(''),
      crawl_interval_minutes: z.number().int().min(5).default(360),
      /** Crawl loopback, private and link-local addresses (only for tests and closed networks). */
      allow_private_addresses: z.boolean().default(false),
      /** Exact addresses allowed even though private (e.g. 127.0.0.1 in tests). */
      allowed_addresses: z.array(z.string()).default([]),
      /** Optional map tile server, e.g. https://tiles.example.org/{z}/{x}/{y}.png; empty: offline outlines only. */
      tile_url: z.string().default(''),
      tile_attribution: z.string().default(''),
      user_agent: z.string().default('chaton-directory/0.1 (+https://framagit.org/chatons/chatonsinfos)'),
      concurrency: z.number().int().min(1).max(256).default(16),
      per_host_concurrency: z.number().int().min(1).max(16).default(2),
      per_host_delay_ms: z.number().int().min(0).default(100),
      timeout_ms: z.number().int().min(100).default(10000),
      max_file_bytes: z.number().int().min(1024).default(1024 * 1024),
      max_redirects: z.number().int().min(0).max(10).default(5),
      max_files: z.number().int().min(1).default(50000),
      /** One organization's share of a crawl (its own file, services and metrics): files, then bytes. */
      max_files_per_organization: z.number().int().min(1).default(1000),
      max_bytes_per_organization: z.number().int().min(1024).default(64 * 1024 * 1024),
      /** A crawl (and a round of health checks) stops after this long; what it did not reach keeps its last good data. */
      crawl_max_seconds: z.number().int().min(1).max(86400).default(3600),
      /** The finder sends visitors only to services checked up within this many minutes. */
      finder_max_age_minutes: z.number().int().min(1).default(120),
      health_interval_minutes: z.number().int().min(1).default(30),
      /** Town suggestions ("Near", as one types) answered per minute to one address. */
      town_suggestions_per_minute: z.number().int().min(1).max(10000).default(120),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;
