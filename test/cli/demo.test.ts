import { describe, expect, it } from 'vitest';
import { vsdl } from './harness.js';

describe('vsdl demo', () => {
  it('runs its three examples and prints one JSON object', async () => {
    const r = await vsdl('demo', '--n', '300', '--m', '100', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ seed: 1, N: 300, M: 100, heavy_tailed: { mu: 1.5 } });
    expect(out.spiked).toHaveLength(3);
  });

  it.each([
    [['--mu', '0'], /^vsdl demo: invalid --mu: 0; allowed: a tail exponent μ > 0 for pareto$/m],
    [['--mu', 'x'], /^vsdl demo: invalid --mu: "x"/m],
    [['--n', '10', '--m', '20'], /^vsdl demo: invalid --m: 20; allowed: an integer in \[1, n = 10\]/m],
    [['--n', '5', '--m', '2'], /^vsdl demo: invalid --m: "2"; allowed: an integer ≥ 3$/m],
    [['--n', '100000', '--m', '100000'], /^vsdl demo: invalid --n and --m: "100000×100000" \(W would need 80\.0 GB\)/m],
    [['--seed', '01'], /^vsdl demo: invalid --seed: "01"/m],
  ])('refuses %j before drawing anything (exit 2), naming the flag', async (flags, message) => {
    const r = await vsdl('demo', ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    // No example was computed first, and the parameters are named as flags.
    expect(r.stderr).not.toMatch(/drawing|spectrum|invalid (mu|m|n|spikes|n×m):/);
    expect(r.stdout).toBe('');
  });

  it('refuses a μ whose draw exceeds float64 before computing any spectrum', async () => {
    const r = await vsdl('demo', '--n', '200', '--m', '100', '--mu', '0.001');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --mu: 0\.001 \(.*beyond float64/);
    expect(r.stderr).not.toMatch(/spectrum/);
  });
});
