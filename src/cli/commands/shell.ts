// `parley shell`: chat with the bot in the terminal (in-process, memory store).
import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import { ParleyAgent } from '../../agent.js';
import type { BotEvent } from '../../core/index.js';
import { loadModel } from '../../loaded-model.js';
import { projectActions } from '../project-actions.js';
import { MemoryLockStore } from '../../stores/memory/memory-lock-store.js';
import { MemoryTrackerStore } from '../../stores/memory/memory-tracker-store.js';

function show(e: BotEvent): void {
  if (e.text) console.log(`\x1b[36m${e.text}\x1b[0m`);
  if (e.data.image) console.log(`  [image] ${e.data.image}`);
  const buttons = e.data.buttons ?? (e.data.quick_replies as BotEvent['data']['buttons']) ?? [];
  buttons.forEach((b, i) => console.log(`  ${i + 1}: ${b.title} (${b.payload})`));
  if (e.data.custom) console.log(`  [custom] ${JSON.stringify(e.data.custom)}`);
}

export async function shellCommand(flags: { project: string; model?: string; debug?: boolean }): Promise<void> {
  const root = resolve(flags.project);
  const model = await loadModel(resolve(root, flags.model ?? 'models'));
  // the project's in-process actions (endpoints.yml `parley: actions:`), as `parley run` loads them
  const actions = await projectActions(root);
  const agent = new ParleyAgent({ model, trackerStore: new MemoryTrackerStore(), lockStore: new MemoryLockStore(), ...(actions.length > 0 ? { actions } : {}) });
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const sender = `shell-${Date.now()}`;
  let lastButtons: { title: string; payload: string }[] = [];
  console.log(`Chatting with ${model.fileName}. Type /stop to quit; a number picks a button.`);
  try {
    for (;;) {
      const line = (await rl.question('Your input -> ').catch(() => '/stop')).trim();
      if (line === '/stop') break;
      if (!line) continue;
      const picked = /^\d+$/.test(line) ? lastButtons[Number(line) - 1] : undefined;
      const text = picked ? picked.payload : line;
      if (flags.debug) console.log(JSON.stringify(await agent.parse(text)));
      const out = await agent.handleMessage({ senderId: sender, text, inputChannel: 'cmdline' });
      lastButtons = [];
      for (const m of out.messages) { show(m); lastButtons.push(...(m.data.buttons ?? [])); }
    }
  } finally {
    rl.close();
    await agent.close();
  }
}
