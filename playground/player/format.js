// Numbers as the player shows them, rounded exactly as Python's format() rounds them:
// on the exact binary value of the double, to the nearest, ties to even. (JavaScript's
// toFixed rounds ties up, and toExponential/toFixed switch notation for big numbers,
// so a readout could differ from tinynet's "%.4f" in the last digit.)

// x = mantissa * 2 ** exponent exactly, mantissa a non-negative BigInt.
function exactParts(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (biased === 0) return {negative: high >>> 31 === 1, mantissa, exponent: -1074};
  mantissa |= 1n << 52n;
  return {negative: high >>> 31 === 1, mantissa, exponent: biased - 1075};
}

// numerator / denominator rounded to the nearest integer, ties to even (all BigInt, >= 0).
function roundHalfEven(numerator, denominator) {
  const quotient = numerator / denominator;
  const twice = 2n * (numerator % denominator);
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

// |x| * 10 ** shift rounded half-even, as a BigInt (shift may be negative).
function scaled(parts, shift) {
  let numerator = parts.mantissa;
  let denominator = 1n;
  if (parts.exponent >= 0) numerator <<= BigInt(parts.exponent);
  else denominator <<= BigInt(-parts.exponent);
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return roundHalfEven(numerator, denominator);
}

function withPoint(digits, decimals) {
  if (decimals === 0) return digits;
  const padded = digits.padStart(decimals + 1, "0");
  return `${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

function special(x) {
  if (Number.isNaN(x)) return "nan";
  return x > 0 ? "inf" : "-inf";
}

// Python's f"{x:.{decimals}f}".
export function fixed(x, decimals = 4) {
  if (!Number.isFinite(x)) return special(x);
  const parts = exactParts(x);
  const text = withPoint(scaled(parts, decimals).toString(), decimals);
  return parts.negative ? `-${text}` : text;
}

// Python's f"{x:.{decimals}e}", e.g. 1.346e-04.
export function sci(x, decimals = 3) {
  if (!Number.isFinite(x)) return special(x);
  const parts = exactParts(x);
  let power = 0;
  let digits = 0n;
  if (parts.mantissa !== 0n) {
    power = Math.floor(Math.log10(Math.abs(x)));  // may be one off near powers of ten: fixed below
    digits = scaled(parts, decimals - power);
    const top = 10n ** BigInt(decimals + 1);
    if (digits >= top) {  // rounded up to 10.000...: one power more
      power += 1;
      digits = scaled(parts, decimals - power);
    } else if (digits < top / 10n) {  // log10 overshot
      power -= 1;
      digits = scaled(parts, decimals - power);
    }
    if (digits >= top) {  // 9.9996 rounded up after the correction
      power += 1;
      digits = scaled(parts, decimals - power);
    }
  }
  const mantissa = withPoint(digits.toString().padStart(decimals + 1, "0"), decimals);
  const exponent = `${power < 0 ? "-" : "+"}${String(Math.abs(power)).padStart(2, "0")}`;
  return `${parts.negative ? "-" : ""}${mantissa}e${exponent}`;
}

// A parameter's readout: four decimals, or scientific once the number is too wide to read.
export const WIDE = 1e5;
export function param(x) {
  return Math.abs(x) < WIDE || !Number.isFinite(x) ? fixed(x, 4) : sci(x, 4);
}

// A whole number with thousands separators: 10,000.
export function count(n) {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
