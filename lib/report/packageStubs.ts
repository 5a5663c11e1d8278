/**
 * How TypeScript inside a tslab kernel finds 'purchase-prediction'. At run time Node resolves the name by
 * package self-reference: any file under the repository is inside the package, whose `exports` name
 * dist/index.js. tslab's own TypeScript, however, resolves modules the classic way (`moduleResolution`
 * node10: no `exports`, no self-reference) by looking for `node_modules/purchase-prediction` in the kernel's
 * folder and its parents. A stub package there (a package.json whose `types` and `main` point at dist/)
 * answers that lookup; it holds no code and no link, so no tool walks into a cycle.
 *
 * Stubs go into `notebooks/node_modules` (always: the notebooks' kernels start there) and into the
 * repository's own `node_modules` when that is a real folder of this checkout, which covers kernels started
 * anywhere in the checkout. A `node_modules` that is a link (shared by several checkouts) is left alone:
 * a stub there would send every checkout to one of them.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../io/atomicWrite';
import { REPOSITORY_ROOT } from './notebook';

/** The package name notebooks import. */
export const PACKAGE_NAME = 'purchase-prediction';

/** The folders that get a `node_modules/purchase-prediction` stub. */
export function stubFolders(root: string = REPOSITORY_ROOT): string[] {
  const folders = [join(root, 'notebooks')];
  const own = join(root, 'node_modules');
  if (existsSync(own) && lstatSync(own).isDirectory() && !lstatSync(own).isSymbolicLink()) folders.push(root);
  return folders;
}

/** The stub's package.json for a stub in `<folder>/node_modules/purchase-prediction`. */
export function stubPackageJson(folder: string, root: string = REPOSITORY_ROOT): string {
  const stub = join(folder, 'node_modules', PACKAGE_NAME);
  const dist = relative(stub, join(root, 'dist')).split('\\').join('/');
  const manifest = {
    name: PACKAGE_NAME,
    private: true,
    description: 'Written by scripts/setup.sh (lib/report/packageStubs.ts): points TypeScript in tslab kernels at the compiled library.',
    main: `${dist}/index.js`,
    types: `${dist}/index.d.ts`,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Writes every missing or outdated stub; returns the package.json files it wrote. */
export function ensurePackageStubs(root: string = REPOSITORY_ROOT): string[] {
  const written: string[] = [];
  for (const folder of stubFolders(root)) {
    const file = join(folder, 'node_modules', PACKAGE_NAME, 'package.json');
    const content = stubPackageJson(folder, root);
    if (existsSync(file) && readFileSync(file, 'utf8') === content) continue;
    mkdirSync(join(folder, 'node_modules', PACKAGE_NAME), { recursive: true });
    writeFileAtomic(file, content);
    written.push(file);
  }
  return written;
}
