/** Hypothesis tests over typed columns (see each file for the exact SciPy/statsmodels match). */
export {
  Z_975,
  chi2Sf,
  chi2Log10Sf,
  chi2Upper,
  fSf,
  fLog10Sf,
  fUpper,
  normalSf,
  normalTwoSided,
  normalTwoSidedP,
  normalTwoSidedLog10P,
  tQuantile,
  tTwoSided,
  tTwoSidedP,
  tTwoSidedLog10P,
  type PValue,
} from './distributions';
export { welchTTest, studentTTest, type TTestResult } from './ttest';
export { oneWayAnova, type AnovaResult, type AnovaOptions } from './anova';
export { mannWhitneyU, type MannWhitneyResult } from './mannwhitney';
export {
  chi2Contingency,
  crosstab,
  mergeRareRows,
  type Chi2Result,
  type Chi2Options,
  type MergedTable,
  type MergeOptions,
} from './chi2';
export {
  logitCategorical,
  logitNumeric,
  type LogitResult,
  type LogitCoefficient,
  type LogitCategoricalOptions,
  type LogitNumericOptions,
  type Separation,
} from './logit';
export { holm, benjaminiHochberg, adjustPValues, type AdjustMethod } from './adjust';
export { screenFeatures, type ScreenColumn, type ScreenRow } from './screen';
