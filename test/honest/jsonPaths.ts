/**
 * Leaf paths of a JSON value and of the README's JSON contract, in one notation: map keys of `models` and
 * `baselines` as `<model>` / `<baseline>`, array items of objects as `[]`, arrays of plain values as leaves.
 */

/** The normalised leaf paths of `value`. */
export function jsonPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
      for (const v of value) jsonPaths(v, `${prefix}[]`, out);
    } else {
      out.add(prefix);
    }
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const parent = prefix.slice(prefix.lastIndexOf('.') + 1);
    for (const [key, v] of Object.entries(value)) {
      const name = parent === 'models' ? '<model>' : parent === 'baselines' ? '<baseline>' : key;
      jsonPaths(v, prefix === '' ? name : `${prefix}.${name}`, out);
    }
    return out;
  }
  out.add(prefix);
  return out;
}

/** `a.{b,c}.d` -> a.b.d, a.c.d (several groups multiply out). */
export function expandBraces(path: string): string[] {
  const m = /\{([^{}]*)\}/.exec(path);
  if (!m) return [path];
  return m[1]!.split(',').flatMap((alt) => expandBraces(path.slice(0, m.index) + alt.trim() + path.slice(m.index + m[0].length)));
}

/** The paths in the first column of the tables under the README heading "### JSON output". */
export function documentedPaths(readme: string): Set<string> {
  const start = readme.indexOf('### JSON output');
  if (start < 0) throw new Error('README has no "### JSON output" section');
  const rest = readme.slice(start + 1);
  const end = rest.search(/\n##+ /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const paths = new Set<string>();
  for (const line of section.split('\n')) {
    const m = /^\| `([^`]+)` \|/.exec(line);
    if (m) for (const p of expandBraces(m[1]!)) paths.add(p);
  }
  return paths;
}
