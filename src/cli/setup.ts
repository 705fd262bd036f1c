import { configPath } from '../config/load.js';
import { writeConfigIfMissing } from '../config/init.js';
import { loadConfigOrExit } from './common.js';
import { openDatabase, migrate } from '../storage/database.js';
import { migrationSets } from '../core.js';
import { builtinModules } from '../modules/index.js';
import { countOf } from '../i18n/format.js';

export async function initCommand(): Promise<void> {
  const path = configPath();
  if (writeConfigIfMissing(path)) console.log(`Config written to ${path} with new secrets. Edit it, then run: npx chaton start`);
  else {
    console.error(`${path} exists already; nothing written.`);
    process.exitCode = 1;
  }
}

export async function checkConfigCommand(): Promise<void> {
  const config = loadConfigOrExit();
  console.log(`${configPath()}: OK (database: ${config.database.url ? 'PostgreSQL' : 'SQLite in ' + config.data_dir}, ${countOf(config.services.external.length, 'en', 'external service', 'external services')})`);
}

export async function migrateCommand(): Promise<void> {
  const config = loadConfigOrExit();
  const { db, dialect, close } = openDatabase(config.database.url, config.data_dir);
  try {
    const applied = await migrate(db, dialect, migrationSets(builtinModules));
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await close();
  }
}
