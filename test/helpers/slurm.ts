import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A one-node Slurm cluster from Debian's slurm-wlm and munge, for tests: its own munge key and socket, state,
 * spool, logs and slurm.conf in a temporary folder, daemons listening on free loopback ports, no cgroups.
 * Everything it starts it stops (jobs cancelled, daemons terminated, then killed), each wait bounded.
 */

const run = promisify(execFile);
const DAEMONS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scancel', 'sinfo'];

/** Why the cluster cannot start here, or null when it can. */
export function slurmUnavailable(): string | null {
  if (process.platform !== 'linux') return 'Slurm daemons run on Linux only';
  if (process.getuid?.() !== 0) return 'slurmd must run as root to start jobs (CI runs as root)';
  const path = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/bin']);
  const missing = DAEMONS.filter((name) => !path.some((dir) => existsSync(join(dir, name))));
  return missing.length ? `${missing.join(', ')} not installed (Debian's slurm-wlm and munge; .ci/run installs them)` : null;
}

export interface SlurmCluster {
  /** The environment for sbatch and the other clients (SLURM_CONF names this cluster). */
  env: NodeJS.ProcessEnv;
  dir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: not within ${seconds} s`);
}

function stopProcess(child: ChildProcess, seconds: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startSlurm(dir: string): Promise<SlurmCluster> {
  for (const sub of ['munge', 'state', 'spool', 'log']) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
  const children: ChildProcess[] = [];
  const env = { ...process.env, SLURM_CONF: join(dir, 'slurm.conf'), PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` };
  const start = (command: string, args: string[]) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-4000)));
    child.on('error', () => {});
    children.push(child);
    return () => stderr;
  };
  const stop = async () => {
    // Cancel what is still queued or running on this cluster, then stop the daemons, newest first.
    try {
      const { stdout } = await run('squeue', ['-h', '-o', '%i'], { env, timeout: 5000 });
      const jobs = stdout.split(/\s+/).filter(Boolean);
      if (jobs.length) await run('scancel', jobs, { env, timeout: 5000 });
      await until('jobs cancelled', async () => (await run('squeue', ['-h'], { env, timeout: 5000 })).stdout.trim() === '', 15);
    } catch {
      // the controller may already be gone; the daemons are stopped below either way
    }
    for (const child of [...children].reverse()) await stopProcess(child, 10);
  };

  try {
    const munge = join(dir, 'munge');
    writeFileSync(join(munge, 'munge.key'), randomBytes(128), { mode: 0o400 });
    const socket = join(munge, 'munge.socket');
    const mungeLog = start('munged', ['--foreground', '--force', `--socket=${socket}`, `--key-file=${join(munge, 'munge.key')}`,
      `--pid-file=${join(munge, 'munged.pid')}`, `--log-file=${join(munge, 'munged.log')}`, `--seed-file=${join(munge, 'munged.seed')}`]);
    await until(`munged (${mungeLog()})`, () => existsSync(socket), 10);

    const host = hostname().split('.')[0]!;
    const [ctldPort, dPort] = [await freePort(), await freePort()];
    writeFileSync(env.SLURM_CONF, [
      'ClusterName=vsdltest',
      `SlurmctldHost=${host}(127.0.0.1)`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${dPort}`,
      // Listen on the addresses named above (loopback) only.
      'CommunicationParameters=NoInAddrAny,NoCtldInAddrAny',
      'SlurmUser=root',
      'SlurmdUser=root',
      'AuthType=auth/munge',
      `AuthInfo=socket=${socket}`,
      'CredType=cred/munge',
      `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
      `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
      `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'MpiDefault=none',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'JobCompType=jobcomp/none',
      'ReturnToService=2',
      `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus().length} RealMemory=1024 State=UNKNOWN`,
      `PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'));
    const ctldLog = start('slurmctld', ['-D', '-i', '-f', env.SLURM_CONF]);
    const dLog = start('slurmd', ['-D', '-f', env.SLURM_CONF]);
    const idle = async () => {
      try {
        return (await run('sinfo', ['-h', '-o', '%t'], { env, timeout: 5000 })).stdout.trim() === 'idle';
      } catch {
        return false;
      }
    };
    await until(`an idle node (slurmctld: ${ctldLog().slice(-500)} slurmd: ${dLog().slice(-500)})`, idle, 30);
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, dir, stop };
}

/** Processes whose command line names `text` (a cluster's folder): none should outlive the cluster. */
export function processesNaming(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
