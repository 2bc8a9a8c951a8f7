"""The default judge's fitted model (written by benchmarks/wice_accuracy.py --write-weights)."""

# Logistic regression on standardised features, fitted on WiCE dev (349 claims);
# its held-out figures are in benchmarks/results/wice_accuracy.txt.
MODEL = {
 "weights": [
  0.33948123296486243,
  0.39160129955615186,
  1.122931582400472,
  0.7141967212780176,
  0.02207509114265256,
  0.11250592485900861
 ],
 "bias": -1.239425480638614,
 "means": [
  0.6040841280127844,
  0.39153832818173434,
  0.8440066857688633,
  0.8298260721992393,
  1.4994094623981733,
  0.23975865459219242
 ],
 "spreads": [
  0.19916002550374923,
  0.1821696355805791,
  0.32551005740531974,
  0.28771879865848465,
  0.6578357112341069,
  0.19977292543623343
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
