import { describe, expect, it } from "vitest";
import { fitRma } from "./random-effects";
import type { Tau2Method } from "./tau2-estimators";

// metafor tests/testthat/test_analysis_example_viechtbauer2005.r: the two datasets of
// Viechtbauer (2005, J Educ Behav Stat 30:261-293), with tau2 rounded to 3 and I2/H2 to 2
// decimals as that test rounds them ("compare with results on page 271/272"). HS and EB are
// estimators Sieve does not offer, so they are left out.
const example1 = {
  yi: [-0.581, 0.53, 0.771, 1.031, 0.553, 0.295, 0.078, 0.573, -0.176, -0.232],
  vi: [0.023, 0.052, 0.06, 0.115, 0.095, 0.203, 0.2, 0.211, 0.051, 0.04],
  expected: { HE: [0.148, 68.8, 3.21], DL: [0.277, 80.44, 5.11], ML: [0.197, 74.51, 3.92], REML: [0.223, 76.84, 4.32], SJ: [0.199, 74.75, 3.96] },
};
const example2 = {
  yi: [0.1, -0.162, -0.09, -0.049, -0.046, -0.01, -0.431, -0.261, 0.134, 0.019, 0.175, 0.056, 0.045, 0.103, 0.121, -0.482, 0.29, 0.342],
  vi: [0.016, 0.015, 0.05, 0.05, 0.032, 0.052, 0.036, 0.024, 0.034, 0.033, 0.031, 0.034, 0.039, 0.167, 0.134, 0.096, 0.016, 0.035],
  expected: { HE: [0, 0, 1], DL: [0.013, 27.53, 1.38], ML: [0.013, 28.45, 1.4], REML: [0.016, 32.02, 1.47], SJ: [0.025, 42.67, 1.74] },
};

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

describe("tau2 estimators against Viechtbauer (2005) as metafor reproduces it", () => {
  for (const [name, data] of Object.entries({ example1, example2 })) {
    for (const [method, [tau2, I2, H2]] of Object.entries(data.expected)) {
      it(`${name} ${method}: tau2 ${tau2}, I2 ${I2}%, H2 ${H2}`, () => {
        const fit = fitRma(data.yi, data.vi, { method: method as Tau2Method });
        expect(round(fit.tau2!, 3)).toBe(tau2);
        expect(round(fit.I2!, 2)).toBe(I2);
        expect(round(fit.H2!, 2)).toBe(H2);
      });
    }
  }
});
