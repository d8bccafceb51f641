/**
 * One-off importer: writes config/groups/*.yaml and config/province.yaml from the shared reference data
 * (../shared/catalog/indicators.json and ../shared/geo). The generated YAML is committed; staff edit it
 * from then on. Run again only to pick up a new catalog: `npx tsx scripts/import-catalog.ts ../shared`.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

const shared = process.argv[2] ?? '../shared';
const out = process.argv[3] ?? 'config';

interface CatIndicator {
  id: string;
  name: string;
  name_en: string;
  unit: string;
  unit_en: string;
  period: string;
  aggregation: string;
  higher_is_better: boolean;
  neutral?: boolean;
  has_plan: boolean;
  typical_range_province_month: [number, number];
  range_basis: string;
  scaling_after_merger: string;
}
interface CatGroup {
  id: string;
  name: string;
  name_en: string;
  period: string;
  owner: string;
  indicators: CatIndicator[];
}

const catalog = JSON.parse(readFileSync(join(shared, 'catalog/indicators.json'), 'utf8')) as { groups: CatGroup[] };

/** Reporting agency per group: the department that sends the figures (codes used in the demo DB). */
const REPORTER: Record<string, string> = {
  budget: 'STC',
  public_investment: 'STC',
  project06: 'CAT',
  social_investment: 'TKT',
  tax: 'THUE',
  grdp: 'TKT',
  traffic_safety: 'CAT',
  tourism: 'SVHTTDL',
  education: 'SGDDT',
  health: 'SYT',
  culture: 'SVHTTDL',
  environment: 'SNNMT',
  fisheries: 'SNNMT',
  labor_social: 'SNV',
  social_insurance: 'BHXH',
  health_insurance: 'BHXH',
  ntp_ethnic: 'SDTTG',
  ntp_poverty: 'SNV',
  dti: 'SKHCN',
  public_admin: 'TTPVHCC',
  press: 'SVHTTDL',
  citizen_feedback: 'VPUBND',
};

/** Indicators that communes report too (after the 2025 reform every commune is a reporting unit). */
const COMMUNE_LEVEL = new Set([
  'budget.revenue_total',
  'public_investment.disbursed',
  'public_investment.disbursement_rate_province',
  'project06.vneid_l2_rate',
  'traffic_safety.crashes',
  'traffic_safety.deaths',
  'traffic_safety.injuries',
  'health.dengue_cases',
  'labor_social.jobs_created',
  'health_insurance.coverage_rate',
  'public_admin.dossiers_received',
  'public_admin.online_rate',
  'public_admin.on_time_rate',
  'public_admin.overdue_dossiers',
  'public_admin.digitization_rate',
  'citizen_feedback.received',
  'citizen_feedback.on_time_rate',
  'citizen_feedback.overdue',
  'citizen_feedback.satisfaction_rate',
  'ntp_poverty.poverty_rate',
]);

/** Factors from the catalog README (H1-2025 merged figures); "custom" ones from each source note. */
const MERGER_FACTOR: Record<string, number> = { population: 1.79, economic: 1.3, tourism: 1.08, none: 1, custom: 1.5 };

mkdirSync(join(out, 'groups'), { recursive: true });
for (const g of catalog.groups) {
  const doc = {
    id: g.id,
    name: g.name,
    nameEn: g.name_en,
    period: g.period,
    owner: g.owner,
    reporter: REPORTER[g.id] ?? 'VPUBND',
    indicators: g.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      nameEn: i.name_en,
      unit: i.unit,
      unitEn: i.unit_en,
      period: i.period,
      aggregation: i.aggregation,
      higherIsBetter: i.higher_is_better,
      neutral: i.neutral ?? false,
      hasPlan: i.has_plan,
      communeLevel: COMMUNE_LEVEL.has(i.id),
      demo: {
        range: i.typical_range_province_month,
        basis: i.range_basis,
        mergerFactor: MERGER_FACTOR[i.scaling_after_merger] ?? 1,
      },
    })),
  };
  const header = `# ${g.name} — generated from the shared indicator catalog by scripts/import-catalog.ts; edit freely.\n`;
  writeFileSync(join(out, 'groups', `${g.id}.yaml`), header + stringify(doc, { lineWidth: 0 }));
}

function formerCommunes() {
  const cw = JSON.parse(readFileSync(join(shared, 'geo/khanh-hoa-communes-2025-crosswalk.json'), 'utf8')) as {
    old_units: {
      old_code: string;
      old_name: string;
      old_type: string;
      old_district_name: string;
      old_province_code: string;
      new: { code: string; relation: 'full' | 'partial' }[];
    }[];
  };
  return cw.old_units
    .map((u) => ({
      code: u.old_code,
      name: u.old_name,
      type: u.old_type,
      district: u.old_district_name,
      formerProvince: u.old_province_code,
      into: u.new.map((n) => ({ code: n.code, relation: n.relation })),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

const geo = JSON.parse(readFileSync(join(shared, 'geo/khanh-hoa-communes-2025.geojson'), 'utf8')) as {
  features: { properties: { code: string; name: string; type: string } }[];
};
const province = {
  code: '56',
  name: 'Khánh Hòa',
  fullName: 'Tỉnh Khánh Hòa',
  centerTitle: 'UBND TỈNH KHÁNH HÒA · TRUNG TÂM THÔNG TIN CHỈ ĐẠO ĐIỀU HÀNH',
  communes: geo.features
    .map((f) => ({ code: f.properties.code, name: f.properties.name, type: f.properties.type }))
    .sort((a, b) => a.code.localeCompare(b.code)),
  // Units before the 1 July 2025 reform and where they went (history across the reform).
  formerCommunes: formerCommunes(),
};
writeFileSync(
  join(out, 'province.yaml'),
  '# The province and its 65 commune-level units since 1 July 2025, and the former units before it\n' +
    '# (codes: GSO; source: shared/geo boundaries and crosswalk).\n' +
    stringify(province, { lineWidth: 0 }),
);
console.log(`wrote ${catalog.groups.length} groups and ${province.communes.length} communes to ${out}/`);
