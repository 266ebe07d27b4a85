// The editing page's YAML format (docs/admin/format.js) in Node, for `make format` and the tests.
//   node scripts/format.mjs write FILE...   bring files to the form a save writes
//   node scripts/format.mjs check FILE...   list the files not in that form (exit 1 if any)
//   node scripts/format.mjs edit FILE       read JSON [{op: set|delete|push, path: [...], value}] on stdin:
//                                           what a save of FILE writes after those edits of its form
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as YAML from "yaml";
import { summitFormat } from "../docs/admin/format.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const config = YAML.parse(readFileSync(join(root, "docs", "admin", "config.yml"), "utf8"));
const format = summitFormat(YAML, config);
const [command, ...files] = process.argv.slice(2);

const again = (text) => format.toFile(format.fromFile(text));

if (command === "write") {
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const made = again(text);
    if (made !== text) {
      writeFileSync(file, made);
      console.log(`formatted ${file}`);
    }
  }
} else if (command === "check") {
  let bad = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const made = again(text);
    if (made !== text) {
      const a = text.split("\n");
      const b = made.split("\n");
      let line = 0;
      while (line < a.length && a[line] === b[line]) line += 1;
      console.log(`${file}:${line + 1}: not in the form the editing page writes (make format)`);
      bad += 1;
    }
  }
  process.exit(bad ? 1 : 0);
} else if (command === "edit") {
  const text = readFileSync(files[0], "utf8");
  const data = format.fromFile(text);
  for (const { op, path, value } of JSON.parse(readFileSync(0, "utf8"))) {
    const parent = path.slice(0, -1).reduce((node, key) => node[key], data);
    const last = path[path.length - 1];
    if (op === "set") parent[last] = value;
    else if (op === "push") parent[last].push(value);
    else if (op === "delete") Array.isArray(parent) ? parent.splice(last, 1) : delete parent[last];
    else throw new Error(`unknown edit ${op}`);
  }
  process.stdout.write(format.toFile(JSON.parse(JSON.stringify(data))));
} else {
  console.error("usage: format.mjs write|check|edit FILE...");
  process.exit(2);
}
