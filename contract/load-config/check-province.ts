/** Former units point at today's communes, once each; their codes are unique. */
import type { ProvinceConfig } from '../config.ts';
import type { ConfigIssue } from './issues.ts';
import type { Loaded } from './yaml-source.ts';

export function checkFormerCommunes({ source, value: province }: Loaded<ProvinceConfig>, issues: ConfigIssue[]): void {
  const current = new Set(province.communes.map((c) => c.code));
  const seen = new Set<string>();
  province.formerCommunes.forEach((f, i) => {
    if (seen.has(f.code)) issues.push(source.issue(['formerCommunes', i, 'code'], `former unit "${f.code}" is listed twice`));
    seen.add(f.code);
    const targets = new Set<string>();
    f.into.forEach((t, j) => {
      const at = ['formerCommunes', i, 'into', j, 'code'];
      if (!current.has(t.code))
        issues.push(
          source.issue(
            at,
            `former unit "${f.code}" goes into "${t.code}", which is not one of today's communes`,
            'regenerate with scripts/import-catalog.ts from shared/geo/khanh-hoa-communes-2025-crosswalk.json',
          ),
        );
      if (targets.has(t.code)) issues.push(source.issue(at, `former unit "${f.code}" names commune "${t.code}" twice`));
      targets.add(t.code);
    });
    if (f.into.length === 1 && f.into[0]!.relation === 'partial')
      issues.push(
        source.issue(
          ['formerCommunes', i, 'into'],
          `former unit "${f.code}" went "partial" into a single commune: where did the rest go?`,
          'list every commune that received part of it',
        ),
      );
  });
}
