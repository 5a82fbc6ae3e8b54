#!/usr/bin/env node
// Incremental build: compiles every .ts file under src/, apps/, libs/ and test/ to
// dist/ with SWC, skipping files whose output is newer than the source. A full build
// takes about a second, so `npm start` always runs the code in the work tree.
const fs = require('fs');
const path = require('path');
const swc = require('@swc/core');
const { swcOptions, root } = require('./swc-options');

const quiet = process.argv.includes('--quiet');
const dirs = ['src', 'apps', 'libs', 'test'];
const outRoot = path.join(root, 'dist');

function* walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'fixtures') continue;
      yield* walk(full);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      yield full;
    }
  }
}

async function main() {
  const started = Date.now();
  const options = swcOptions();
  let compiled = 0;
  const jobs = [];
  for (const dir of dirs) {
    for (const file of walk(path.join(root, dir))) {
      const rel = path.relative(root, file);
      const out = path.join(outRoot, rel.replace(/\.ts$/, '.js'));
      const srcStat = fs.statSync(file);
      if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= srcStat.mtimeMs) continue;
      jobs.push(
        swc.transformFile(file, { ...options, filename: file, sourceFileName: path.relative(path.dirname(out), file) }).then((result) => {
          fs.mkdirSync(path.dirname(out), { recursive: true });
          fs.writeFileSync(out, result.code + `\n//# sourceMappingURL=${path.basename(out)}.map\n`);
          if (result.map) fs.writeFileSync(out + '.map', result.map);
          compiled++;
        }),
      );
    }
  }
  await Promise.all(jobs);
  if (!quiet || compiled > 0) {
    process.stderr.write(`build: ${compiled} file(s) compiled to dist/ in ${Date.now() - started} ms\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`build failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
