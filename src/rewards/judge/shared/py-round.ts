/**
 * Python's `round(x, ndigits)` for a float: the decimal with `ndigits` places nearest to the **exact** binary value
 * of `x`, halves to even, read back as the nearest double (CPython rounds through a correctly rounded decimal
 * string, `_Py_dg_dtoa` mode 3, then `strtod`). So `round(0.0625, 3)` is 0.062 (an exact half, to even), while
 * `round(0.0635, 3)` is 0.064 and `round(2.6675, 3)` is 2.667: their doubles lie just above and below the half.
 * `Math.round(x * 1000) / 1000` rounds halves up and also rounds the product's error, so it differs on both.
 * `toFixed` already rounds the exact value but breaks exact halves away from zero; an exact half is rare and easy
 * to spot: `x = j / (2·10^d)` with j odd is a double only when `x·2^(d+1)` is an odd integer (5^d divides j).
 * @see https://github.com/python/cpython/blob/main/Objects/floatobject.c (`double_round`)
 * @example pyRound(0.0625, 3) //= 0.062
 * @example pyRound(0.0635, 3) //= 0.064
 */
export function pyRound(x: number, ndigits: number): number {
  // ndigits: 0..100, the range of toFixed
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x // NaN, ±Infinity; huge doubles are already integers
  const fixed = x.toFixed(ndigits) // exact value, halves away from zero
  const scaled = x * 2 ** (ndigits + 1) // exact: a power of two
  if (!Number.isInteger(scaled) || scaled % 2 === 0) return Number(fixed)
  // an exact half: toFixed took the neighbour farther from zero; when its last digit is odd, the even one is a
  // step back toward zero, which lowers that digit by one and never borrows
  const last = Number(fixed[fixed.length - 1])
  return last % 2 === 0 ? Number(fixed) : Number(fixed.slice(0, -1) + String(last - 1))
}
