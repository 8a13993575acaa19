// NAB's "windowedGaussian" baseline, as numenta/NAB nab/detectors/gaussian/windowedGaussian_detector.py
// implements it: the mean and (population) standard deviation of a window of the last 6,400 values,
// moved forward 100 values at a time; each new value is scored before it joins the window, as
// 1 − Q(|x − mean|/std), Q being the normal tail probability. The first row scores 0. A zero standard
// deviation is replaced by 1e-6. Causal: the score of row t uses rows before t only.

const WINDOW = 6400;
const STEP = 100;

export function windowedGaussianScores(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  const windowData: number[] = [];
  let stepBuffer: number[] = [];
  let mean = 0;
  let std = 1;
  const update = () => {
    let s = 0;
    for (const v of windowData) {
      s += v;
    }
    mean = s / windowData.length;
    let ss = 0;
    for (const v of windowData) {
      ss += (v - mean) ** 2;
    }
    std = Math.sqrt(ss / windowData.length);
    if (std === 0) {
      std = 0.000001;
    }
  };
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (windowData.length > 0) {
      const z = Math.abs(x - mean) / std;
      out[i] = 1 - 0.5 * erfc(z / Math.SQRT2);
    }
    if (windowData.length < WINDOW) {
      windowData.push(x);
      update();
    } else {
      stepBuffer.push(x);
      if (stepBuffer.length === STEP) {
        windowData.splice(0, STEP);
        windowData.push(...stepBuffer);
        stepBuffer = [];
        update();
      }
    }
  }
  return out;
}

/**
 * Complementary error function, accurate to about 1e-15 relative (W. J. Cody's rational
 * approximations, as used by most libm implementations). Python's math.erfc gives the same values to
 * double precision, which matters here: NAB's threshold sweep works on exact score values, and
 * 1 − Q saturates to 1 for |z| > ~8.3.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) {
    return NaN;
  }
  const ax = Math.abs(x);
  let r: number;
  if (ax < 0.5) {
    return 1 - erf(x);
  } else if (ax < 4) {
    const p = [3.004592610201616005e2, 4.519189537118729422e2, 3.393208167343436870e2, 1.529892850469404039e2, 4.316222722205673530e1, 7.211758250883093659, 5.641955174789739711e-1, -1.368648573827167067e-7];
    const q = [3.004592609569832933e2, 7.909509253278980272e2, 9.313540948506096211e2, 6.389802644656311665e2, 2.775854447439876434e2, 7.700015293522947295e1, 1.278272731962942351e1, 1];
    let num = p[7];
    let den = q[7];
    for (let i = 6; i >= 0; i--) {
      num = num * ax + p[i];
      den = den * ax + q[i];
    }
    r = Math.exp(-ax * ax) * (num / den);
  } else {
    const p = [-2.99610707703542174e-3, -4.94730910623250734e-2, -2.26956593539686930e-1, -2.78661308609647788e-1, -2.23192459734184686e-2];
    const q = [1.06209230528467918e-2, 1.91308926107829841e-1, 1.05167510706793207, 1.98733201817135256, 1];
    const z = 1 / (ax * ax);
    let num = p[4];
    let den = q[4];
    for (let i = 3; i >= 0; i--) {
      num = num * z + p[i];
      den = den * z + q[i];
    }
    r = (Math.exp(-ax * ax) / ax) * (1 / Math.sqrt(Math.PI) + (z * num) / den);
  }
  return x < 0 ? 2 - r : r;
}

function erf(x: number): number {
  if (Math.abs(x) >= 0.5) {
    return 1 - erfc(x);
  }
  const p = [3.209377589138469473e3, 3.774852376853020208e2, 1.138641541510501556e2, 3.161123743870565597, 1.857777061846031527e-1];
  const q = [2.844236833439170622e3, 1.282616526077372276e3, 2.440246379344441733e2, 2.360129095234412093e1, 1];
  const z = x * x;
  let num = p[4];
  let den = q[4];
  for (let i = 3; i >= 0; i--) {
    num = num * z + p[i];
    den = den * z + q[i];
  }
  return (x * num) / den;
}
