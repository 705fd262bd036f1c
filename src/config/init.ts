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
# L'adresse publique du chaton, celle que voient les visiteurs : elle est dans chaque lien que le
# chaton donne (invitations, mots de passe oubliés, pads, fiches ChatonsInfos). Laissée en commentaire,
# elle suit host et port (http://localhost:8080 ici, ou le port de CHATON_PORT). À donner dès que le
# chaton est derrière un nom de domaine : public_url = "https://chaton.example.org"
# The public address, in every link the chaton gives. Commented out, it follows host and port.
# public_url = "https://chaton.example.org"
# Où vivent les données (base SQLite, fichiers). À sauvegarder.
data_dir = "./data"
# true derrière un proxy inverse qui envoie X-Forwarded-Proto (cookies Secure, HSTS).
trust_proxy = false
log_level = "info"
# Processus qui servent les requêtes : 1, un nombre, ou "auto" (un par cœur du processeur). Au-delà
# de 1, ils partagent le port ; sans Redis, leurs messages et limites passent par le processus principal.
# Processes serving requests: 1, a number, or "auto" (one per CPU core).
workers = 1

[chaton]
name = "Mon chaton"
description_fr = "Un hébergeur alternatif, transparent, ouvert, neutre et solidaire."
description_en = "An alternative, transparent, open, neutral and solidary host."
place = ""
# contact_email = "contact@example.org"
# website = "https://example.org"
# Publiés dans vos fiches ChatonsInfos et sur la carte de l'annuaire.
# type : ASSOCIATION, INFORMAL, COOPERATIVE, MICROCOMPANY, COMPANY, INDIVIDUAL ou OTHER
type = "INFORMAL"
country_code = "FR"
# latitude = 47.996
# longitude = -4.102
# startdate = "2024-01-15"
# Le code source que vous faites tourner (AGPL, article 13), lié en pied de page : à changer si vous modifiez chaton.
# source_url = "https://framagit.org/chatons/chaton"
# Fuseau des dates affichées avant que le script de la page ne les mette dans celui du visiteur (nommé).
# time_zone = "Europe/Paris"

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

[mail]
# Courriels (mot de passe oublié, invitations, inscriptions à accepter). Sans host, le chaton n'envoie
# rien : l'équipe transmet elle-même les liens. Outgoing e-mail; without a host, nothing is sent.
# security : "starttls" (port 587), "tls" (port 465), "none" (relais local seulement)
# host = "smtp.example.org"
port = 587
security = "starttls"
# user = "noreply@example.org"
# Le mot de passe peut aussi venir de CHATON_MAIL_PASSWORD. Also from CHATON_MAIL_PASSWORD.
# password = ""
# from = "Mon chaton <noreply@example.org>"
timeout_seconds = 30
# Essais avant d'abandonner un message (l'attente double à chaque échec, depuis retry_seconds),
# jours de conservation des messages envoyés ou abandonnés, courriels de réinitialisation par compte et par heure.
max_attempts = 10
retry_seconds = 60
keep_days = 7
resets_per_hour = 3

[drop]
# Partage de fichiers chiffrés (Drop). Le serveur ne voit jamais les clés.
# Durée de vie la plus longue (en heures) : l'envoi propose 5 minutes, 1 heure, 1 jour, 1 semaine, 1 mois, 1 an jusqu'à elle.
max_expiry_hours = 720
# Taille maximale d'un fichier (4 Gio) et stockage total (100 Gio) ; au-delà, les envois sont refusés.
max_file_bytes = 4294967296
max_total_bytes = 107374182400
# Nouveaux partages par heure et par adresse (hachée).
uploads_per_hour = 30
# Octets annoncés mais pas encore envoyés qu'une adresse (hachée) peut réserver à la fois (10 Gio), et durée
# d'une réservation après le dernier morceau reçu : ensuite seuls les octets stockés comptent.
pending_bytes_per_address = 10737418240
reservation_minutes = 15
# Minutes qu'a un navigateur pour confirmer un téléchargement déchiffré jusqu'au bout (ou le reprendre) ;
# sans confirmation, le téléchargement est rendu. Un client sans confirmation (curl) compte au dernier octet.
download_confirm_minutes = 15
chunk_bytes = 8388608

[blobs]
# Où ranger les fichiers stockés : "fs" (disque, sous data_dir) ou "s3" (Garage, MinIO, tout stockage S3).
backend = "fs"

[blobs.s3]
endpoint = ""
bucket = ""
region = "us-east-1"
access_key = ""
secret_key = ""
force_path_style = true

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

[paste]
# Le bloc-notes chiffré (compatible PrivateBin). Durées proposées, parmi :
# 5min, 10min, 1hour, 1day, 1week, 1month, 1year, never
expire_options = ["5min", "10min", "1hour", "1day", "1week", "1month", "1year", "never"]
expire_default = "1week"
# Taille maximale d'un texte chiffré (octets, pièces jointes comprises).
max_bytes = 10000000
discussion = true
attachments = true
# Créations (textes, commentaires) par adresse (hachée) et par fenêtre de temps.
rate_limit_max = 30
rate_limit_window_seconds = 600
# Coloration syntaxique dans le navigateur du lecteur : au-delà de ce nombre de caractères, ou si une
# ligne dépasse la longueur donnée, le code est affiché sans couleurs (la coloration d'une très longue
# ligne peut bloquer un téléphone pendant des dizaines de secondes).
highlight_max_chars = 65536
highlight_max_line_chars = 300

[pad]
# Les pads (écriture collaborative en temps réel). Taille maximale d'un pad (octets),
# d'un message (octets), jours sans modification avant suppression (0 : jamais),
# jours d'historique complet (au-delà : une version par jour), limites de débit.
max_pad_bytes = 2000000
max_message_bytes = 65536
idle_days = 365
full_history_days = 30
# Un instantané complet du pad est écrit quand les modifications depuis le précédent pèsent
# ce nombre d'octets (ou la taille du précédent, si elle est plus grande).
checkpoint_log_bytes = 262144
rate_per_connection = 30
rate_per_pad = 2000
chat_max_messages = 2000
# Pads créés (ou importés) par heure et par adresse (hachée).
creations_per_hour = 60
# Profondeur maximale des blocs imbriqués (citations dans des listes…) ; au-delà, la modification est refusée.
max_depth = 100
# Auteurs (nom, couleur) retenus par pad ; au-delà, les nouveaux écrivent sans nom ni couleur propre.
max_authors = 1000
# Taille maximale de la présence (curseur, nom, couleur) d'un navigateur, en octets.
max_presence_bytes = 4096
# Connexions simultanées aux pads par adresse (hachée), tous pads confondus : une école derrière
# une seule adresse (NAT) compte un navigateur par élève.
max_connections_per_address = 200
# Profondeur maximale d'un texte importé (citations, listes, styles imbriqués ; un niveau de liste
# compte double), de 8 à 500 : au-delà, l'import est refusé.
max_import_depth = 100

[directory]
# L'annuaire des chatons (carte, liste, « trouver un pad »). The directory of chatons.
# Votre chaton publie toujours ses fiches ChatonsInfos sous /.well-known/chatonsinfos/.
enabled = false
# Le fichier de la fédération à parcourir, par exemple celui du collectif CHATONS.
federation_url = ""
crawl_interval_minutes = 360
# N'activez ceci que sur un réseau fermé : permet de parcourir des adresses privées ou locales.
allow_private_addresses = false
# allowed_addresses = ["127.0.0.1"]
# Serveur de tuiles facultatif ; vide : fond de carte hors ligne (contours des pays), sans tiers.
tile_url = ""
tile_attribution = ""
user_agent = "chaton-directory/0.1 (+https://framagit.org/chatons/chatonsinfos)"
concurrency = 16
per_host_concurrency = 2
per_host_delay_ms = 100
timeout_ms = 10000
max_file_bytes = 1048576
max_redirects = 5
max_files = 50000
# Part d'une organisation dans un parcours (sa fiche, ses services, leurs métriques), puis durée
# maximale d'un parcours (et d'une série de tests de disponibilité, au plus 86400) : ce qui n'est pas
# atteint garde ses dernières données valides.
max_files_per_organization = 1000
max_bytes_per_organization = 67108864
crawl_max_seconds = 3600
finder_max_age_minutes = 120
health_interval_minutes = 30
# Villes proposées pendant la saisie de « Près de » : requêtes par minute et par adresse.
town_suggestions_per_minute = 120
`;
}

/** Writes the config file unless it exists. Returns true when written. */
export function writeConfigIfMissing(path: string): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, configTemplate(), { mode: 0o600, flag: 'wx' });
  return true;
}
