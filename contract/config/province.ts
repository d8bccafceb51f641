/** config/province.yaml: the province, its communes of today and the units abolished by the 2025 reform. */
import { z } from 'zod';
import { areaCode } from './common.ts';

export const CommuneSchema = z
  .object({
    code: areaCode,
    name: z.string().min(1),
    type: z.enum(['Xã', 'Phường', 'Đặc khu']),
  })
  .strict();

/**
 * A commune-level unit abolished by the 1 July 2025 reform, and the communes of today it went into
 * (shared/geo crosswalk). Its figures are accepted for periods before the reform only; a `partial`
 * share means only part of it went into that commune, so sums through it are approximate.
 * Codes are GSO codes: a new commune usually kept the code of one of its former units, so a code
 * alone is ambiguous and the period decides (before 2025-07: the former unit).
 */
export const FormerCommuneSchema = z
  .object({
    code: areaCode,
    name: z.string().min(1),
    type: z.enum(['Xã', 'Phường', 'Thị trấn']),
    /** Former district (huyện, thị xã, thành phố) and former province (56 Khánh Hòa, 58 Ninh Thuận). */
    district: z.string().min(1),
    formerProvince: areaCode,
    into: z.array(z.object({ code: areaCode, relation: z.enum(['full', 'partial']) }).strict()).min(1),
  })
  .strict();
export type FormerCommuneConfig = z.infer<typeof FormerCommuneSchema>;

export const ProvinceSchema = z
  .object({
    code: areaCode,
    name: z.string().min(1),
    fullName: z.string().min(1),
    /** The header band of every wall screen. */
    centerTitle: z.string().min(1),
    communes: z.array(CommuneSchema).min(1),
    /** Units before the 2025 reform, for history across it (see FormerCommuneSchema). */
    formerCommunes: z.array(FormerCommuneSchema).default([]),
  })
  .strict();
export type ProvinceConfig = z.infer<typeof ProvinceSchema>;
