// Numbers as the room reads them: milliseconds with the precision that matters at that size.
export function ms(us: number): string {
  const v = us / 1000;
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function signedMs(us: number): string {
  return `${us >= 0 ? '+' : '−'}${ms(Math.abs(us))}`;
}
