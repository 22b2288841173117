// Exact amounts: base units arrive as decimal strings and stay BigInt; never a float.

export function formatAmount(units, decimals) {
  const value = BigInt(units);
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  const scale = 10n ** BigInt(decimals);
  const whole = (abs / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = (abs % scale).toString().padStart(Number(decimals), "0").replace(/0+$/, "");
  return sign + whole + (fraction ? "." + fraction : "");
}

export function percent(bps) {
  const value = BigInt(bps);
  const fraction = (value % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return (value / 100n).toString() + (fraction ? "." + fraction : "") + "%";
}

// A multiplier in basis points: 100000 → "10x", 2500 → "0.25x".
export function multiplier(bps) {
  const value = BigInt(bps);
  const fraction = (value % 10000n).toString().padStart(4, "0").replace(/0+$/, "");
  return (value / 10000n).toString() + (fraction ? "." + fraction : "") + "x";
}

// "13d 4h", "5h 30m", "40s": the two largest units, as the CLI shows durations.
export function formatDuration(seconds) {
  let rest = BigInt(seconds);
  if (rest <= 0n) return "now";
  const parts = [];
  for (const [unit, size] of [["d", 86400n], ["h", 3600n], ["m", 60n], ["s", 1n]]) {
    const count = rest / size;
    rest %= size;
    if (count > 0n || parts.length) parts.push(count > 0n ? `${count}${unit}` : null);
    if (parts.length === 2) break;
  }
  return parts.filter(Boolean).join(" ");
}
