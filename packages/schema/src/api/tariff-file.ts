import { z } from 'zod';

/** Time-of-use bands (分时电价): 尖峰 sharp, 高峰 peak, 平段 flat, 低谷 valley, 深谷 deep valley. */
export const TOU_BANDS = ['sharp', 'peak', 'flat', 'valley', 'deep_valley'] as const;

/** `HH:MM` local wall-clock time as minutes of the day, 00:00 to 24:00. */
const clockMinutes = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM from 00:00 to 24:00')
  .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)));

/**
 * The park's time-of-use tariff file (`LINGTAN_GATEWAY_TARIFF`, YAML): seasons by month,
 * windows tiling each day, a price per band. The domain's `validateTouTariff` checks the
 * tiling; this schema checks the shape.
 */
export const tariffFileSchema = z.object({
  version: z.string().min(1).max(100),
  seasons: z
    .array(
      z.object({
        name: z.string().min(1),
        months: z.array(z.number().int().min(1).max(12)).min(1),
        windows: z.array(z.object({ from: clockMinutes, to: clockMinutes, band: z.enum(TOU_BANDS) })).min(1),
        prices_cny_per_kwh: z.partialRecord(z.enum(TOU_BANDS), z.number().nonnegative()),
      }),
    )
    .min(1),
});

export type TariffFile = z.infer<typeof tariffFileSchema>;
