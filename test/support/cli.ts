// Running the real `parley` CLI (the compiled dist/, as users run it) from tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../bin/parley.js', import.meta.url));

export interface CliResult { code: number | null; stdout: string; stderr: string }

export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`parley ${args.join(' ')} timed out`)); }, opts.timeoutMs ?? 60_000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/** Starts `parley run` and resolves once it answers HTTP. */
export async function startCliServer(args: string[], port: number, opts: { cwd?: string; env?: NodeJS.ProcessEnv; onStdout?: (chunk: string) => void } = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'run', '--port', String(port), '--host', '127.0.0.1', '--log-level', 'warn', ...args],
    { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
  // keep stdout flowing: a server whose unread stdout pipe fills (64 KB of logs) blocks on its next
  // log line, and then cannot even shut down (tests may add their own listeners)
  child.stdout?.on('data', (c: Buffer) => opts.onStdout?.(c.toString('utf8')));
  // 50 s: a first start with the embedded store opens PGlite (5–7 s alone), and CI on two shared cores
  // has seen a start take over 30 s while other work ran
  for (let i = 0; i < 500; i++) {
    if (child.exitCode !== null) throw new Error(`parley run exited ${child.exitCode}: ${stderr}`);
    try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child; } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`parley run did not start: ${stderr}`);
}

export function stopCliServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) { resolve(child.exitCode); return; }
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
