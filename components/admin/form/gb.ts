const GIB = 1024 ** 3;

/** A size in bytes as the GB figure the quota fields take ("1.5"). */
export const gbText = (bytes: number) => String(Number((bytes / GIB).toFixed(6)));
