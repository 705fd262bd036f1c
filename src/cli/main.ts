// The `chaton` command.
import { Command } from 'commander';
import { startCommand } from './start.js';
import { initCommand, checkConfigCommand, migrateCommand } from './setup.js';
import { adminCreateCommand, adminResetPasswordCommand } from './admin.js';
import { crawlCommand } from './crawl.js';
import { chatonsinfosCheckCommand } from './chatonsinfos.js';
import { mailTestCommand } from './mail.js';

const program = new Command();
program.name('chaton').description('Run a chaton (CHATONS hosting collective) and the directory of chatons').showHelpAfterError();

program.command('init').description('write a commented config file with generated secrets').action(initCommand);
program.command('start').description('start the chaton (writes the config file on first start)').action(startCommand);
program.command('migrate').description('bring the database up to date').action(migrateCommand);
program.command('check-config').description('check the config file and CHATON_* variables').action(checkConfigCommand);

const admin = program.command('admin').description('manage accounts from the command line');
admin
  .command('create <username>')
  .description('create an admin account (prints a generated password unless --password-stdin)')
  .option('--password-stdin', 'read the password from standard input')
  .option('--member', 'create a plain member instead of an admin')
  .action(adminCreateCommand);
admin
  .command('reset-password <username>')
  .description('print a one-time link to choose a new password')
  .action(adminResetPasswordCommand);

program
  .command('crawl [federation-url]')
  .description('crawl a ChatonsInfos federation into the directory (default: directory.federation_url)')
  .option('--no-progress', 'do not draw the progress bar')
  .action(crawlCommand);
program
  .command('chatonsinfos')
  .description('ChatonsInfos files')
  .command('check <file-or-url>')
  .description('check one ChatonsInfos file and print its errors and warnings')
  .action(chatonsinfosCheckCommand);

program
  .command('mail')
  .description('e-mail ([mail] section)')
  .command('test <address>')
  .description('send a test e-mail now, through the SMTP server, and print the result')
  .option('--lang <lang>', 'language of the message: fr or en', 'fr')
  .action(mailTestCommand);

await program.parseAsync(process.argv);
