import { spawnSync } from 'node:child_process';

/**
 * A Python that can import torch, for the PyTorch reference. The `python3` on PATH is not always the one with
 * torch (a pyenv shim may come first while Debian's python3-torch lives under /usr/bin/python3), so candidates
 * are tried in order: $GAN_STUDIO_PYTHON, /usr/bin/python3, python3.
 */
export type TorchPython = { ok: true; python: string; torchVersion: string } | { ok: false; reason: string };

export function findTorchPython(env: NodeJS.ProcessEnv = process.env): TorchPython {
  const candidates = [env.GAN_STUDIO_PYTHON, '/usr/bin/python3', 'python3'].filter(
    (candidate): candidate is string => Boolean(candidate),
  );
  const failures: string[] = [];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (probe.status === 0) return { ok: true, python, torchVersion: probe.stdout.trim() };
    const why = probe.error ? probe.error.message : (lastLine(probe.stderr) ?? `exit code ${probe.status}`);
    failures.push(`${python}: ${why}`);
  }
  return { ok: false, reason: `no Python with torch found (${failures.join('; ')})` };
}

function lastLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
}
