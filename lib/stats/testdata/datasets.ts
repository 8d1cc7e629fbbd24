/**
 * Public example datasets used by metafor's own tests, transcribed from the raw files of
 * the metadat package (github.com/wviechtb/metadat, data-raw/*.txt). Test fixtures only.
 */

/** dat.bcg (Colditz et al. 1994): BCG vaccine trials; data-raw/dat.colditz1994.txt. */
export const datBcg = {
  trial: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  author: ["Aronson", "Ferguson & Simes", "Rosenthal et al", "Hart & Sutherland", "Frimodt-Moller et al", "Stein & Aronson", "Vandiviere et al", "TPT Madras", "Coetzee & Berjak", "Rosenthal et al", "Comstock et al", "Comstock & Webster", "Comstock et al"],
  year: [1948, 1949, 1960, 1977, 1973, 1953, 1973, 1980, 1968, 1961, 1974, 1969, 1976],
  tpos: [4, 6, 3, 62, 33, 180, 8, 505, 29, 17, 186, 5, 27],
  tneg: [119, 300, 228, 13536, 5036, 1361, 2537, 87886, 7470, 1699, 50448, 2493, 16886],
  cpos: [11, 29, 11, 248, 47, 372, 10, 499, 45, 65, 141, 3, 29],
  cneg: [128, 274, 209, 12619, 5761, 1079, 619, 87892, 7232, 1600, 27197, 2338, 17825],
  ablat: [44, 55, 42, 52, 13, 44, 19, 13, 27, 42, 18, 33, 33],
  alloc: ["random", "random", "random", "random", "alternate", "alternate", "random", "random", "random", "systematic", "systematic", "systematic", "systematic"],
};

/** dat.normand1999: stroke unit length of stay; data-raw/dat.normand1999.txt. */
export const datNormand1999 = {
  source: ["Edinburgh", "Orpington-Mild", "Orpington-Moderate", "Orpington-Severe", "Montreal-Home", "Montreal-Transfer", "Newcastle", "Umea", "Uppsala"],
  n1i: [155, 31, 75, 18, 8, 57, 34, 110, 60],
  m1i: [55, 27, 64, 66, 14, 19, 52, 21, 30],
  sd1i: [47, 7, 17, 20, 8, 7, 45, 16, 27],
  n2i: [156, 32, 71, 18, 13, 52, 33, 183, 52],
  m2i: [75, 29, 119, 137, 18, 18, 41, 31, 23],
  sd2i: [64, 4, 29, 48, 11, 4, 34, 27, 20],
};

/** dat.raudenbush1985: teacher expectancy; data-raw/dat.raudenbush1985.txt. */
export const datRaudenbush1985 = {
  weeks: [2, 21, 19, 0, 0, 3, 17, 24, 0, 1, 0, 0, 1, 2, 17, 5, 1, 2, 7],
  yi: [0.03, 0.12, -0.14, 1.18, 0.26, -0.06, -0.02, -0.32, 0.27, 0.8, 0.54, 0.18, -0.02, 0.23, -0.18, -0.06, 0.3, 0.07, -0.07],
  vi: [0.0156, 0.0216, 0.0279, 0.1391, 0.1362, 0.0106, 0.0106, 0.0484, 0.0269, 0.063, 0.0912, 0.0497, 0.0835, 0.0841, 0.0253, 0.0279, 0.0193, 0.0088, 0.0303],
};

/** dat.egger2001: magnesium trials; data-raw/dat.egger2001.txt. */
export const datEgger2001 = {
  study: ["Morton", "Rasmussen", "Smith", "Abraham", "Feldstedt", "Shechter", "Ceremuzynski", "Bertschat", "Singh", "Pereira", "Shechter", "Golf", "Thogersen", "LIMIT-2", "Shechter", "ISIS-4"],
  ai: [1, 9, 2, 1, 10, 1, 1, 0, 6, 1, 2, 5, 4, 90, 4, 2216],
  n1i: [40, 135, 200, 48, 150, 59, 25, 22, 76, 27, 89, 23, 130, 1159, 107, 29011],
  ci: [2, 23, 7, 1, 8, 9, 3, 1, 11, 7, 12, 13, 8, 118, 17, 2103],
  n2i: [36, 135, 200, 46, 148, 56, 23, 21, 75, 27, 80, 33, 122, 1157, 108, 29039],
};

/** dat.hine1989: lidocaine trials; data-raw/dat.hine1989.txt. */
export const datHine1989 = {
  source: ["Chopra et al.", "Mogensen", "Pitt et al.", "Darby et al.", "Bennett et al.", "O'Brien et al."],
  n1i: [39, 44, 107, 103, 110, 154],
  n2i: [43, 44, 110, 100, 106, 146],
  ai: [2, 4, 6, 7, 7, 11],
  ci: [1, 4, 4, 5, 3, 4],
};
