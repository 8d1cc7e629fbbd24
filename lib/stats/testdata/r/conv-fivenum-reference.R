# Reference values for lib/stats/arm-conversion.test.ts: metafor's current conv.fivenum()
# (github.com/wviechtb/metafor, commit 71ae8f5ac9befeacc6654ead1b03ff05c065d54d, 2026-07-01).
# Debian's metafor 3.8.1 has no conv.fivenum, so the current R/conv.fivenum.r, R/misc.func.hidden.r
# and R/mfopt.r are sourced on top of it. Run from a folder holding those three files:
#   git -C <metafor git dir> show HEAD:R/conv.fivenum.r > conv.fivenum.r   (likewise the other two)
#   Rscript conv-fivenum-reference.R
suppressMessages(library(metafor))
f <- new.env(parent = asNamespace("metafor"))
for (file in c("misc.func.hidden.r", "mfopt.r", "conv.fivenum.r")) sys.source(file, envir = f)
dat <- data.frame(
  min    = c(2,  NA, 2,  1,  NA, 0,  5,  10),
  q1     = c(NA, 7,  7,  NA, 3,  1,  NA, 12),
  median = c(10, 10, 10, 2,  4,  2,  8,  15),
  q3     = c(NA, 14, 14, NA, 20, 3,  NA, 19),
  max    = c(20, NA, 20, 30, NA, 40, 11, 25),
  n      = c(50, 50, 50, 20, 20, 20, 6,  4))
r <- f$conv.fivenum(min, q1, median, q3, max, n, data = dat)
options(digits = 17)
print(cbind(r[, c("mean", "sd")], tval = attr(r$mean, "tval"), crit = attr(r$mean, "crit"), sig = attr(r$mean, "sig")))
cat("qt(.975, c(5, 9, 59, 99)):", sprintf("%.17g", qt(.975, c(5, 9, 59, 99))), "\n")
# Output (R 4, 2026-12-01):
#   1 10.175415396532259 4.0118952461424522 0.111111 0.294266 FALSE
#   2 10.353899999999999 5.3431320657621511 0.142857 0.372367 FALSE
#   3 10.412880137955044 4.5744963674930794 0.142857 0.423944 FALSE
#   4 NA NA 0.931034 0.416022 TRUE
#   5 NA NA 0.882353 0.577558 TRUE
#   6 NA NA 1.325206 0.665820 TRUE
#   7 8 2.3409124382171367 0 0.726412 FALSE
#   8 NA NA (n < 5)
#   qt: 2.5705818356363137 2.2621571627982049 2.000995378088267 1.9842169515864172
