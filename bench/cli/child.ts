/**
 * One CLI command on a generated program, in its own process, as an installed package runs it
 * (plain JavaScript, bench/lib/prebuilt.ts): `main(argv, io)` of cli/main with the program's
 * directory as the working directory. Prints one JSON line: exit code, wall and CPU time of the
 * command (module loading excluded, reported apart) and the bytes it printed.
 *
 *   node bench/cli/child.js <programDir> <command> [flags...]
 */
import { performance } from "perf_hooks";

async function run(): Promise<void> {
  const [dir, ...argv] = process.argv.slice(2);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { main } = await import("../../cli/main");
  const loadMs = performance.now() - t0;
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  let printed = 0;
  let errors = "";
  const code = await main(argv, { out: (t) => { printed += t.length; }, err: (t) => { errors += `${t}\n`; }, cwd: dir });
  const ms = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  const result = { code, loadMs, loadCpuMs: ms(process.cpuUsage(cpu0)) - ms(process.cpuUsage(cpu1)), wallMs: performance.now() - t1, cpuMs: ms(process.cpuUsage(cpu1)), printed, errors: errors.slice(0, 2000), maxRssKb: process.resourceUsage().maxRSS };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

run().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
