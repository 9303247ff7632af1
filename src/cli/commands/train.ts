// `parley train`: project → model archive under models/.
import { resolve } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { loadProject } from '../../project/index.js';
import { writeModelArchive } from '../../model-archive.js';
import { trainProject } from '../../training.js';

export interface TrainFlags { project: string; out?: string; fixedModelName?: string; quiet?: boolean; seed?: number }

export async function trainCommand(flags: TrainFlags): Promise<string> {
  const root = resolve(flags.project);
  const started = performance.now();
  const project = await loadProject(root);
  const say = (m: string) => { if (!flags.quiet) console.log(m); };
  for (const w of project.warnings) say(`warning: ${w.file}:${w.line}: ${w.message}`);
  const bar = flags.quiet || !process.stdout.isTTY ? undefined : new SingleBar({ format: 'training {stage} [{bar}] {percentage}%', hideCursor: true }, Presets.shades_classic);
  bar?.start(100, 0, { stage: '' });
  let last = '';
  const archive = await trainProject(project, {
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    onProgress: (stage, done, total) => {
      const nlu = stage.startsWith('nlu:');
      const pct = (nlu ? 0 : 80) + (nlu ? 80 : 20) * (total > 0 ? done / total : 1);
      bar?.update(Math.min(100, Math.round(pct)), { stage });
      if (!bar && stage !== last && !flags.quiet) { last = stage; }
    },
    onWarning: (w) => say(`warning: ${w}`),
  });
  bar?.update(100, { stage: 'done' });
  bar?.stop();
  const path = await writeModelArchive(flags.out ? resolve(flags.out) : resolve(root, 'models'), archive, flags.fixedModelName ? { fixedName: flags.fixedModelName } : {});
  say(`Trained in ${((performance.now() - started) / 1000).toFixed(1)} s. Model saved to ${path}`);
  return path;
}
