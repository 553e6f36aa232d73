// Builds the committed front-end assets for Section11.Web.
//
//   npm install && npm run build:frontend
//
// Outputs (all committed, so `dotnet run` needs no Node):
//   src/Section11.Web/wwwroot/css/app.css                       (from Styles/app.scss)
//   src/Section11.Web/wwwroot/lib/govuk-frontend/govuk-frontend.min.js(.map)
//   src/Section11.Web/wwwroot/lib/govuk-frontend/assets/...     (images, manifest.json, rebrand/ if present)
//
// Fonts are deliberately NOT copied: this service is not on GOV.UK, so it must
// not use the GDS Transport typeface (app.scss sets Arial instead).

import { cp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'src', 'Section11.Web');
const wwwroot = path.join(web, 'wwwroot');
const govukDist = path.join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk');
const libOut = path.join(wwwroot, 'lib', 'govuk-frontend');

async function exists(p) {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

const rel = (p) => path.relative(root, p).split(path.sep).join('/');

async function buildCss() {
  const input = path.join(web, 'Styles', 'app.scss');
  const output = path.join(wwwroot, 'css', 'app.css');
  const result = await sass.compileAsync(input, {
    style: 'compressed',
    sourceMap: false,
    // Resolves `@use "pkg:govuk-frontend"` through node_modules/package.json exports.
    importers: [new sass.NodePackageImporter(root)],
  });
  await mkdir(path.dirname(output), { recursive: true });
  await writeFile(output, result.css + '\n', 'utf8');
  console.log(`sass  ${rel(input)} -> ${rel(output)} (${result.css.length} bytes)`);
}

async function copyGovuk() {
  if (!(await exists(govukDist))) {
    throw new Error(`${rel(govukDist)} not found - run "npm install" first.`);
  }

  // Start from a clean folder so files dropped by an upgrade do not linger.
  await rm(libOut, { recursive: true, force: true });
  await mkdir(path.join(libOut, 'assets'), { recursive: true });

  const copies = [
    ['govuk-frontend.min.js', 'govuk-frontend.min.js', true],
    ['govuk-frontend.min.js.map', 'govuk-frontend.min.js.map', false],
    ['assets/images', 'assets/images', true],
    ['assets/manifest.json', 'assets/manifest.json', false],
    ['assets/rebrand', 'assets/rebrand', false],
  ];

  for (const [from, to, required] of copies) {
    const src = path.join(govukDist, from);
    const dest = path.join(libOut, to);
    if (!(await exists(src))) {
      if (required) throw new Error(`${rel(src)} is missing from govuk-frontend.`);
      console.log(`skip  ${rel(src)} (not in this govuk-frontend version)`);
      continue;
    }
    await cp(src, dest, { recursive: true });
    console.log(`copy  ${rel(src)} -> ${rel(dest)}`);
  }
}

await buildCss();
await copyGovuk();
