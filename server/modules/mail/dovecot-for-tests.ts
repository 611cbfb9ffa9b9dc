import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './test-support.js';

export const dovecotBinary = '/usr/sbin/dovecot';

export interface TestDovecot {
  port: number;
  /** Every user logs in with this password. */
  password: string;
  stop(): Promise<void>;
}

/**
 * A throw-away Dovecot (Debian's dovecot-imapd) on a free loopback port, configured entirely inside a
 * temporary folder: maildir per user, one static password, no TLS. Runs in the foreground as our
 * child so stopping it frees the port.
 */
export async function startDovecot(): Promise<TestDovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linchpin-dovecot-'));
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'mail'));
  fs.mkdirSync(path.join(dir, 'run'));
  const port = await freePort();
  const conf = `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/run
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
first_valid_uid = 100
service imap-login {
  chroot =
  inet_listener imap {
    port = ${port}
  }
}
service anvil {
  chroot =
}
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/mail/%u
}
`;
  const confPath = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(confPath, conf);
  const { uid, gid } = ownerOf('dovecot');
  fs.chownSync(path.join(dir, 'mail'), uid, gid);
  const child: ChildProcess = spawn(dovecotBinary, ['-F', '-c', confPath], { stdio: 'ignore' });
  await waitForPort(port, child, path.join(dir, 'dovecot.log'));
  return {
    port,
    password: 'secret',
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ownerOf(user: string): { uid: number; gid: number } {
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${user}:`));
  const parts = line?.split(':') ?? [];
  return { uid: Number(parts[2] ?? 0), gid: Number(parts[3] ?? 0) };
}

async function waitForPort(port: number, child: ChildProcess, logPath: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited: ${fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8') : ''}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('dovecot did not open its port');
}
