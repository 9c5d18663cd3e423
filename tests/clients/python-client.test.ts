import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { reward } from '../../checker/index.ts';
import { math500Pairs } from '../../scripts/serve-pairs.ts';
import { ROOT, tempDir } from '../helpers.ts';
import { spawnServe, type ServeProcess } from '../../scripts/serve-process.ts';

/** clients/python/bigmath_reward.py run by the machine's python3 against a server this test starts. */

const CLIENT_DIR = join(ROOT, 'clients', 'python');
const TOKEN = 'test-token-19';

function python(script: string, env: Record<string, string>, input = ''): string {
  const r = spawnSync('python3', ['-c', `import sys; sys.path.insert(0, ${JSON.stringify(CLIENT_DIR)})\n${script}`], {
    encoding: 'utf8', input, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python3 exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

describe('Python client', () => {
  let serve: ServeProcess;
  let env: Record<string, string>;
  beforeAll(async () => {
    serve = await spawnServe(['--workers', '1', '--token', TOKEN]);
    env = { BIGMATH_URL: serve.url, BIGMATH_TOKEN: TOKEN };
  });
  afterAll(async () => {
    serve.child.kill('SIGTERM');
    expect(await serve.exit).toBe(0);
  });

  it('parses as Python 3.9 and imports nothing outside the standard library', () => {
    const out = execFileSync('python3', ['-c', `import ast, sys
src = open(${JSON.stringify(join(CLIENT_DIR, 'bigmath_reward.py'))}).read()
tree = ast.parse(src, feature_version=(3, 9))
mods = {a.name.split('.')[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
mods |= {n.module.split('.')[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
print(sorted(m for m in mods if m not in sys.stdlib_module_names))`], { encoding: 'utf8' });
    expect(out.trim()).toBe('[]');
  });

  it('compute_score agrees with the library reward() on 1,000 MATH-500 pairs', () => {
    const pairs = math500Pairs(1000);
    const file = join(tempDir('bigmath-py-'), 'pairs.json');
    writeFileSync(file, JSON.stringify(pairs));
    const out = python(`import json, bigmath_reward as br
pairs = json.load(open(${JSON.stringify(file)}))
print(json.dumps([br.compute_score("math500", p["response"], p["gold"]) for p in pairs]))`, env);
    const scores = JSON.parse(out) as number[];
    const expected = pairs.map((p) => (reward(p.gold, p.response).equal ? 1 : 0));
    expect(scores).toEqual(expected);
    expect(expected.filter((x) => x === 1).length).toBeGreaterThan(400); // both verdicts occur
    expect(expected.filter((x) => x === 0).length).toBeGreaterThan(400);
  });

  it('Client.reward batches (several requests at once) and keeps the order', () => {
    const pairs = math500Pairs(700, 1000);
    const out = python(`import json, sys, bigmath_reward as br
pairs = json.loads(sys.stdin.read())
c = br.Client(batch_size=64, concurrency=3)
print(json.dumps({"reward": c.reward([p["gold"] for p in pairs], [p["response"] for p in pairs]),
  "details": c.reward_details(["\\\\frac12"], ["so \\\\boxed{0.5}"]),
  "check": c.check(["1/2", "3", 5], ["0.5", "4", "5"]), "health": c.health()["status"]}))`, env, JSON.stringify(pairs));
    const r = JSON.parse(out) as { reward: number[]; details: unknown; check: boolean[]; health: string };
    expect(r.reward).toEqual(pairs.map((p) => (reward(p.gold, p.response).equal ? 1 : 0)));
    expect(r.details).toEqual([{ equal: true, extracted: '0.5', reason: 'equal' }]);
    expect(r.check).toEqual([true, false, true]);
    expect(r.health).toBe('ok');
  });

  it('verl batch scoring and TRL reward functions, with string and chat completions', () => {
    const out = python(`import json, bigmath_reward as br
res = {}
res["batch"] = br.compute_score_batch(["a", "b", "c"], ["\\\\boxed{7}", "\\\\boxed{8}", "x = \\\\boxed{2}"], ["7", "7", ["1", "2"]])
res["trl_str"] = br.trl_reward(["p1", "p2"], ["The answer is $\\\\frac{1}{2}$.", "\\\\boxed{3}"], answer=["0.5", "4"])
chat = [[{"role": "assistant", "content": "so \\\\boxed{12}"}], [{"role": "assistant", "content": "\\\\boxed{13}"}]]
res["trl_chat"] = br.trl_reward([[{"role": "user", "content": "q"}]] * 2, chat, ground_truth=["12", "12"], solution=["x", "x"])
res["trl_column"] = br.make_trl_reward(column="final")(["p"], ["\\\\boxed{5}"], final=["5"], answer=["6"])
res["name"] = br.trl_reward.__name__
try:
    br.trl_reward(["p"], ["\\\\boxed{1}"], problem=["q"])
except br.BigmathError as e:
    res["missing"] = str(e)
print(json.dumps(res))`, env);
    const r = JSON.parse(out) as Record<string, unknown>;
    expect(r.batch).toEqual([1, 0, 1]);
    expect(r.trl_str).toEqual([1, 0]);
    expect(r.trl_chat).toEqual([1, 0]);
    expect(r.trl_column).toEqual([1]);
    expect(r.name).toBe('bigmath_reward');
    expect(r.missing).toMatch(/no gold answer column.*problem/);
  });

  it('raises on a wrong token at once and on an unreachable server after its retries', () => {
    const out = python(`import json, time, bigmath_reward as br
res = {}
try:
    br.Client(token="wrong").reward(["1"], ["1"])
except br.BigmathError as e:
    res["token"] = str(e)
t = time.time()
try:
    br.Client("http://127.0.0.1:9", retries=2, backoff=0.01).reward(["1"], ["1"])
except br.BigmathError as e:
    res["down"] = str(e)
print(json.dumps(res))`, env);
    const r = JSON.parse(out) as Record<string, string>;
    expect(r.token).toMatch(/HTTP 401/);
    expect(r.down).toMatch(/failed after 3 attempts/);
  });

  it('retries a server that is not up yet', async () => {
    // The client starts first; the server comes up on the port it keeps trying.
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port; // free now; the server takes it after the client starts
    await new Promise((r) => probe.close(r));
    const dir = tempDir('bigmath-py-');
    const script = join(dir, 'late.py');
    writeFileSync(script, `import sys; sys.path.insert(0, ${JSON.stringify(CLIENT_DIR)})
import bigmath_reward as br
print(br.Client("http://127.0.0.1:${port}", retries=8, backoff=0.25).reward(["2"], ["\\\\boxed{2}"]))`);
    const py = spawn('python3', [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    py.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const done = new Promise<number | null>((resolve) => py.on('exit', resolve));
    const late = await spawnServe(['--port', String(port), '--workers', '1']);
    try {
      expect(await done).toBe(0);
      expect(out.trim()).toBe('[1.0]');
    } finally {
      late.child.kill('SIGTERM');
      await late.exit;
    }
  });
});
