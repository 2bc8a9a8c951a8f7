"""What a person is told about the judges (CLI help, explorer help, README), with held-out figures.

Kept in a module of its own so the CLI can show it without loading any judge.
"""

JUDGE_SUMMARY = (
    "Judges: the default is lexical (word, number and name coverage, plus structural "
    "contradiction cues; held out: WiCE dev support ROC AUC 0.80, Check-COVID dev macro-F1 "
    "0.28, REFUTE F1 0.08 — it rarely sees a dispute). The model judge is minilm-judge, a "
    "MiniLM-L6 cross-encoder (supports / disputes / neither), int8 ONNX on CPU, whose passages "
    "are weighed by a small classifier fitted on Check-COVID train; held out (never fitted on): "
    "Check-COVID dev macro-F1 0.41, REFUTE F1 0.42, but WiCE support AUC only 0.45. Both are "
    "weak judges: treat their stances as leads to check by hand."
)
