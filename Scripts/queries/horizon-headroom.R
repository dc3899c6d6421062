# R with RSQLite: each replication's national, male and female headroom at the horizon, and the
# share of replications in which the male estate is over useable capacity then.
library(DBI)
store <- commandArgs(trailingOnly = TRUE)[1]
if (is.na(store)) store <- "runs/england-wales/results.sqlite"
con <- dbConnect(RSQLite::SQLite(), store, flags = RSQLite::SQLITE_RO)
horizon <- dbGetQuery(con, "
  SELECT scenario, replication, headroom, male_headroom, female_headroom
  FROM replication_monthly
  WHERE month = (SELECT max(month) FROM replication_monthly)")
print(summary(horizon[, c("headroom", "male_headroom", "female_headroom")]))
print(tapply(horizon$male_headroom < 0, horizon$scenario, mean))
dbDisconnect(con)
