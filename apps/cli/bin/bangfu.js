#!/usr/bin/env node
// The `bangfu` command: runs the compiled CLI (built by `npm ci` / `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const main = join(__dirname, '..', '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(main)) {
  console.error('bangfu is not built yet: run `npm run build` (npm ci does it) in the project directory');
  process.exit(2);
}
require(main);
