const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** An ISO-8601 duration as TIDAL sends it (`PT3M25S`, `PT1H2M`, `PT0S`) in ms; null when not one. */
export function parseIsoDuration(value: string): number | null {
  const match = ISO_DURATION.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return null;
  const [, days, hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return Math.round(
    (((days ?? 0) * 24 + (hours ?? 0)) * 60 * 60 + (minutes ?? 0) * 60 + (seconds ?? 0)) * 1000,
  );
}
