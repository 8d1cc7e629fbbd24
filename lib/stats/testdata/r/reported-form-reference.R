# Reference for lib/stats/outcome-layout.test.ts ("sieve meta on reported-form data gives
# metafor's numbers"): converts the arms of ../reported-form.csv in R, independently of Sieve,
# then runs escalc() + rma(). Conversions: SD = SE*sqrt(n); SD = sqrt(n)*(ub-lb)/(2*qt(.975, n-1))
# (Cochrane Handbook 6.5.2.2); medians by metafor's current conv.fivenum() defaults (commit
# 71ae8f5, sourced as in conv-fivenum-reference.R; run from a folder with those three files):
#   Rscript reported-form-reference.R <path to reported-form.csv>
suppressMessages(library(metafor))
f <- new.env(parent = asNamespace("metafor"))
for (file in c("misc.func.hidden.r", "mfopt.r", "conv.fivenum.r")) sys.source(file, envir = f)
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], check.names = FALSE)
options(digits = 15)
convert <- function(d, k) {
  g <- function(p) d[[paste0(p, k, "i")]]
  m <- g("m"); sd <- g("sd"); n <- g("n")
  se <- g("se"); lb <- d[[paste0("ci", k, "lb")]]; ub <- d[[paste0("ci", k, "ub")]]
  sd <- ifelse(is.na(sd) & !is.na(se), se * sqrt(n), sd)
  sd <- ifelse(is.na(sd) & !is.na(lb), sqrt(n) * (ub - lb) / (2 * qt(.975, n - 1)), sd)
  five <- f$conv.fivenum(min = g("min"), q1 = g("lq"), median = g("median"), q3 = g("uq"), max = g("max"), n = n)
  need <- is.na(m) & is.na(sd)
  m[need] <- five$mean[need]; sd[need] <- five$sd[need]
  data.frame(m = m, sd = sd, n = n)
}
t <- convert(d, 1); c <- convert(d, 2)
dat <- data.frame(study = d$study, outcome = d$outcome, m1i = t$m, sd1i = t$sd, n1i = t$n, m2i = c$m, sd2i = c$sd, n2i = c$n)
# Ct.Th: Hu 2020 shares its control (split: n2i = 12/2); Ito 2021 combines its two treatment
# groups (Handbook 6.5.2.10) against its control given on the first row.
hu <- dat$study == "Hu 2020"; dat$n2i[hu] <- 12 / 2
ito <- which(dat$study == "Ito 2021")
n <- dat$n1i[ito]; M <- dat$m1i[ito]; S <- dat$sd1i[ito]; N <- sum(n)
Mc <- sum(n * M) / N
Sc <- sqrt(((n[1] - 1) * S[1]^2 + (n[2] - 1) * S[2]^2 + n[1] * n[2] / N * (M[1] - M[2])^2) / (N - 1))
dat[ito[1], c("m1i", "sd1i", "n1i")] <- c(Mc, Sc, N)
dat <- dat[-ito[2], ]
print(dat)
for (o in c("MAR", "Ct.Th")) {
  s <- dat[dat$outcome == o & !is.na(dat$sd2i), ]
  es <- escalc("SMD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = s)
  r <- rma(yi, vi, data = es, method = "REML")
  cat(sprintf("%s: k=%d estimate=%.15g ciLower=%.15g ciUpper=%.15g tau2=%.15g I2=%.15g\n", o, r$k, r$b[1], r$ci.lb, r$ci.ub, r$tau2, r$I2))
  r2 <- rma(yi, vi, data = escalc("MD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = s), method = "DL", test = "knha")
  cat(sprintf("%s MD/DL/knha: k=%d estimate=%.15g ciLower=%.15g ciUpper=%.15g tau2=%.15g I2=%.15g\n", o, r2$k, r2$b[1], r2$ci.lb, r2$ci.ub, r2$tau2, r2$I2))
}
