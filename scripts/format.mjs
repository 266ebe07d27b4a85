// The editing page's YAML format (docs/admin/format.js) in Node, for `make format` and the tests.
//   node scripts/format.mjs write FILE...   bring files to the form a save writes
//   node scripts/format.mjs check FILE...   list the files not in that form (exit 1 if any)
//   node scripts/format.mjs save FILE       read JSON {data: ...} on stdin: what a save of FILE writes
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as YAML from "yaml";
import { summitFormat, SOURCE } from "../docs/admin/format.js";

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
} else if (command === "save") {
  const text = readFileSync(files[0], "utf8");
  const { data } = JSON.parse(readFileSync(0, "utf8"));
  process.stdout.write(format.toFile({ ...data, [SOURCE]: text }));
} else {
  console.error("usage: format.mjs write|check|save FILE...");
  process.exit(2);
}
