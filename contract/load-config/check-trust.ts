/** config/trust.yaml: a plausibility rule names an indicator of the catalog. */
import type { TrustConfig } from '../config.ts';
import type { Catalog } from './check-groups.ts';
import type { ConfigIssue } from './issues.ts';
import type { Loaded } from './yaml-source.ts';

export function checkTrust(trust: Loaded<TrustConfig>, catalog: Catalog, issues: ConfigIssue[]): void {
  for (const id of Object.keys(trust.value.plausibility.rules)) {
    if (catalog.indicators.has(id)) continue;
    issues.push(
      trust.source.issue(
        ['plausibility', 'rules', id],
        `plausibility rule for unknown indicator "${id}"`,
        'use an indicator id of config/groups/*.yaml, e.g. budget.revenue_total',
      ),
    );
  }
}
