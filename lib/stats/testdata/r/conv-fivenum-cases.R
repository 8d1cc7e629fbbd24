# Generates ../conv-fivenum-cases.csv: 300 random median-based summaries (normal and skewed
# samples, n = 3..120, with range, IQR or both) and what metafor's current conv.fivenum()
# (commit 71ae8f5; sourced as in conv-fivenum-reference.R) makes of them. NA = not converted
# (n < 5 or skewed). Run from a folder with the three metafor files:
#   Rscript conv-fivenum-cases.R <output.csv>
suppressMessages(library(metafor))
f <- new.env(parent = asNamespace("metafor"))
for (file in c("misc.func.hidden.r", "mfopt.r", "conv.fivenum.r")) sys.source(file, envir = f)
set.seed(20261201)
k <- 300
n <- sample(c(3:12, 15, 20, 30, 50, 80, 120), k, replace = TRUE)
case <- sample(1:3, k, replace = TRUE)
rows <- lapply(seq_len(k), function(i) {
  x <- if (runif(1) < 0.6) rnorm(n[i], 10, 3) else exp(rnorm(n[i], 1, 0.9))
  q <- round(quantile(x, c(0, .25, .5, .75, 1), names = FALSE), 2)
  if (case[i] == 1) q[c(2, 4)] <- NA
  if (case[i] == 2) q[c(1, 5)] <- NA
  q
})
d <- as.data.frame(do.call(rbind, rows)); names(d) <- c("min", "q1", "median", "q3", "max"); d$n <- n
r <- f$conv.fivenum(min, q1, median, q3, max, n, data = d)
out <- data.frame(d, mean = r$mean, sd = r$sd)
cells <- as.data.frame(lapply(out, function(v) ifelse(is.na(v), "", sprintf("%.17g", v))))
write.csv(cells, commandArgs(trailingOnly = TRUE)[1], row.names = FALSE, quote = FALSE)
cat("converted:", sum(!is.na(r$mean)), "of", k, "\n")
