// `chaton init`: writes a commented config file with freshly generated secrets.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export function generateSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function configTemplate(): string {
  return `# Configuration de votre chaton — chaton configuration.
# Chaque clé peut aussi être donnée par une variable d'environnement : la clé database.url
# devient CHATON_DATABASE_URL, accounts.open_signup devient CHATON_ACCOUNTS_OPEN_SIGNUP.
# Every key can be overridden by an environment variable named the same way.
# Vérifier : npx chaton check-config

# Port et adresse d'écoute. Derrière nginx ou Caddy, laissez 127.0.0.1.
port = 8080
host = "127.0.0.1"
# L'adresse publique du chaton (celle que voient les visiteurs).
public_url = "http://localhost:8080"
# Où vivent les données (base SQLite, fichiers). À sauvegarder.
data_dir = "./data"
# true derrière un proxy inverse qui envoie X-Forwarded-Proto (cookies Secure, HSTS).
trust_proxy = false
log_level = "info"

[chaton]
name = "Mon chaton"
description_fr = "Un hébergeur alternatif, transparent, ouvert, neutre et solidaire."
description_en = "An alternative, transparent, open, neutral and solidary host."
place = ""
# contact_email = "contact@example.org"
# website = "https://example.org"

[database]
# Vide : SQLite embarqué dans data_dir. Sinon : postgres://user@host:5432/base
url = ""

[redis]
# Vide : un seul processus. Sinon (plusieurs processus) : redis://127.0.0.1:6379
url = ""

[secrets]
# Généré par chaton init. Ne le publiez jamais. Generated; never publish it.
session = "${generateSecret()}"

[accounts]
# Inscription libre (sinon : sur invitation seulement).
open_signup = false
invitation_days = 7
reset_hours = 48
session_days = 30

[limits]
body_bytes = 1048576
# Tentatives par quart d'heure et par adresse (hachée) : connexion, inscription, invitation, réinitialisation.
auth_attempts = 10

[health]
interval_seconds = 60
timeout_ms = 5000

# Services externes, affichés sur le portail et surveillés. External services, listed and monitored.
# opening : public (sans inscription), signup (inscription libre), members (membres), closed (fermé)
#
# [[services.external]]
# id = "cloud"
# kind = "nextcloud"
# name = "Nextcloud"
# description_fr = "Vos fichiers, agendas et contacts."
# description_en = "Your files, calendars and contacts."
# url = "https://cloud.example.org"
# health_url = "https://cloud.example.org/status.php"
# opening = "members"
# software_name = "Nextcloud"
`;
}

/** Writes the config file unless it exists. Returns true when written. */
export function writeConfigIfMissing(path: string): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, configTemplate(), { mode: 0o600, flag: 'wx' });
  return true;
}
