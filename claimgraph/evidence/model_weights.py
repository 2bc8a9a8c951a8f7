"""The default judge's fitted model (written by benchmarks/wice_accuracy.py --write-weights)."""

# Logistic regression on standardised features, fitted on WiCE dev (349 claims);
# its held-out figures are in benchmarks/results/wice_accuracy.txt.
MODEL = {
 "weights": [
  0.5029087561264115,
  0.33946646680729864,
  1.1135471478548453,
  0.8803877304408252,
  0.09502983669462665,
  0.10659938498333067
 ],
 "bias": -1.3080789945871734,
 "means": [
  0.6205172448083427,
  0.40385042269988664,
  0.8440066857688633,
  0.8520656202983862,
  1.4638343592148655,
  0.24868784924240228
 ],
 "spreads": [
  0.19716611616528293,
  0.18168024928240206,
  0.32551005740531974,
  0.27104420495876735,
  0.6609379729085534,
  0.19921408139512134
 ],
 "features": [
  "coverage_top3",
  "coverage_best",
  "number_coverage",
  "entity_coverage",
  "missing_terms",
  "bigram_coverage"
 ]
}
