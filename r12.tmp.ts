import { main } from "./cli/main";
main(process.argv.slice(2), { out: (t) => console.log(t.slice(0, 1500)), err: (t) => console.error(t.slice(0, 3000)), cwd: "/tmp/tmp.9XRGoU267h" }).then((c) => console.log("exit", c));
